"""What democratiescan stores and for how long, in plain Dutch (privacy page and respondent pages)."""

from __future__ import annotations

import streamlit as st

PRIVACY_MD = """
**Wat we bewaren**

- *Van de griffie (zelfscan):* de antwoorden, toelichtingen en keuzes voor voorstellen, per gemeente en jaar.
- *Van respondenten en workshopdeelnemers:* alleen hun rol (bijvoorbeeld "inwoners") en hun antwoorden.
  Geen naam, geen e-mailadres, geen IP-adres. Een willekeurige code in de link zorgt dat u na herladen verder kunt;
  wij bewaren daarvan alleen een onherkenbare versie (hash).
- *Codes, pincodes, presentatielinks en wachtwoorden:* alleen als onherkenbare versie (hash).

**Wat anderen zien**

- Uitkomsten per groep (een rol, of vergelijkbare gemeenten) tonen we pas vanaf 5 respondenten of 5 gemeenten.
  Daaronder ziet u alleen het aantal.
- Andere gemeenten zien nooit uw losse antwoorden. Alleen als de griffie "delen met de benchmark" aanzet,
  tellen de antwoorden van de zelfscan mee in groepscijfers van minstens 5 gemeenten.

**Hoe lang**

- Zolang de gemeente de scan nodig heeft om rondes te vergelijken (het ritme is elke twee jaar). De griffie kan een
  ronde op elk moment helemaal verwijderen (pagina Deelnemers); daarmee verdwijnen ook alle antwoorden,
  codes, workshops en de agenda van die ronde.
- Verwerkingsverantwoordelijke is de gemeente die de scan uitvoert. Vragen? Neem contact op met de griffie.
"""


def privacy_text() -> None:
    st.markdown(PRIVACY_MD)
