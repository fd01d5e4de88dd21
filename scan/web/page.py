"""The phone's HTML: one small page (no framework, no fonts, no images), its style and its script.

Every text a person typed (the workshop's title, open questions and answers) reaches the page as
JSON data and is put in with ``textContent``: never as HTML, so Markdown, tags, images and links in
it stay plain text. The script is inline with a per-response nonce (Content-Security-Policy).
"""

from __future__ import annotations

import html
import json

CSS = """
*{box-sizing:border-box}
html{font-size:112.5%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1a1a1a;
 background:#fff;line-height:1.45;overflow-wrap:anywhere;hyphens:auto}
main{max-width:40rem;margin:0 auto;padding:0.75rem 1rem 3rem}
h1{font-size:1.15rem;margin:0.25rem 0 0.5rem;color:#4a4f55;font-weight:600}
h2{font-size:1.45rem;margin:0.5rem 0;line-height:1.3}
h2:focus{outline:none}
.stap{margin:0;color:#4a4f55;font-weight:600}
.uitleg{color:#33383d;margin:0.25rem 0 0.75rem}
.stand{font-weight:700;padding:0.6rem 0.8rem;border-radius:8px;background:#f1f4f8;border-left:6px solid #0b5394;
 margin:0.5rem 0}
.stand.dicht{border-left-color:#8a4b00}
fieldset{border:0;margin:0;padding:0}
legend{font-weight:700;margin-bottom:0.25rem;padding:0}
label.optie{display:flex;align-items:center;gap:0.75rem;min-height:48px;padding:0.6rem 0.8rem;margin:0.5rem 0;
 border:2px solid #5a6470;border-radius:10px;cursor:pointer;background:#fff}
label.optie input{width:1.5rem;height:1.5rem;flex:none;margin:0;accent-color:#0b5394}
label.optie:has(input:checked){border-color:#0b5394;background:#e8f0fa;border-width:3px}
label.optie:has(input:disabled){color:#4a4f55;cursor:not-allowed;background:#f6f7f8}
input:focus-visible,button:focus-visible,textarea:focus-visible,summary:focus-visible,a:focus-visible{
 outline:3px solid #0b5394;outline-offset:3px}
button{min-height:48px;min-width:48px;padding:0.6rem 1.4rem;font-size:1.1rem;font-weight:700;border-radius:10px;
 border:2px solid #0b5394;background:#0b5394;color:#fff;cursor:pointer;margin:0.5rem 0}
button:disabled{background:#5a6470;border-color:#5a6470;cursor:not-allowed}
textarea,input[type=text]{width:100%;font:inherit;padding:0.6rem;border:2px solid #5a6470;border-radius:8px;
 min-height:48px}
.melding{min-height:1.6rem;font-weight:700;margin:0.5rem 0}
.goed{color:#1b5e20}.fout{color:#8a1c1c}.bezig{color:#4a4f55}
#verbinding{display:none;background:#fff4e5;color:#5c3300;padding:0.5rem 0.8rem;border-radius:8px;font-weight:600}
#verbinding.zichtbaar{display:block}
details{margin-top:2rem;color:#33383d}
summary{cursor:pointer;min-height:44px;display:flex;align-items:center;font-weight:600}
ul.mijn{padding-left:1.2rem}
.verborgen{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.code{font-size:1.6rem;letter-spacing:0.1em;text-transform:uppercase}
.timer{display:none;font-size:1.5rem;font-weight:800;font-variant-numeric:tabular-nums;margin:0.25rem 0}
.timer.zichtbaar{display:block}.timer.bijna{color:#8a1c1c}
#zaal{margin-top:2rem;border-top:2px solid #c3cad3;padding-top:0.5rem}
ul.zaallijst{list-style:none;padding:0;margin:0}
ul.zaallijst li{border:2px solid #c3cad3;border-radius:10px;padding:0.4rem 0.8rem;margin:0.5rem 0}
ul.zaallijst p{margin:0.2rem 0}
button.steun{background:#fff;color:#0b5394;font-size:1rem;padding:0.4rem 1rem}
button.steun[aria-pressed=true]{background:#0b5394;color:#fff}
button.steun[aria-pressed=true]::before{content:"✓ "}
.beantwoord{color:#1b5e20;font-weight:700}
.eigen{color:#33383d;font-weight:700}
"""

JS = r"""
(function () {
  "use strict";
  var begin = JSON.parse(document.getElementById("begin").textContent);
  var code = begin.code, stand = begin.stand, mijn = begin.mijn;
  var basis = "/doe/" + code;
  var blok = document.getElementById("blok");
  var verbinding = document.getElementById("verbinding");
  var aankondiging = document.getElementById("aankondiging");
  var getoond = "";
  var WACHT = "dm:" + code + ":wacht";
  // the server's clock less this phone's: a countdown ends when the server says, whatever this phone's clock
  var verschil = begin.nu ? begin.nu * 1000 - Date.now() : 0;

  // a count with its noun in the right number, as nl_count in scan/base/formatting: "1 stip", "3 stippen"
  function aantal(n, een, meer) { return n.toLocaleString("nl-NL") + " " + (n === 1 ? een : meer); }
  function maak(tag, attrs, tekst) {
    var el = document.createElement(tag);
    if (attrs) { for (var k in attrs) { if (attrs[k] !== null && attrs[k] !== undefined) el.setAttribute(k, attrs[k]); } }
    if (tekst !== undefined && tekst !== null) el.textContent = String(tekst);
    return el;
  }
  function melding(tekst, soort) {
    var m = document.getElementById("melding");
    if (!m) return;
    m.textContent = tekst;
    m.className = "melding " + (soort || "");
  }
  function stuur(pad, body) {
    return fetch(basis + pad, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().catch(function () { return {ok: false, fout: "De server gaf geen antwoord."}; })
        .then(function (j) { j.status = r.status; return j; });
    });
  }
  var aanmelden = null;
  function meedoen() {
    if (mijn) return Promise.resolve();
    if (!aanmelden) {
      aanmelden = stuur("/meedoen").then(function (j) {
        aanmelden = null;
        if (!j.ok) { throw j; }
        mijn = j.mijn;
      }, function (e) { aanmelden = null; throw e; });
    }
    return aanmelden;
  }
  // send, and keep trying while the network is away: the answer is kept in this browser until the
  // server confirmed it (also across a reload)
  function bewaar(pad, body, gelukt, poging, meld) {
    poging = poging || 0;
    meld = meld || melding;
    try { localStorage.setItem(WACHT, JSON.stringify({pad: pad, body: body})); } catch (e) {}
    meld(poging ? "Nog niet opgeslagen: we proberen het opnieuw…" : "Bezig met opslaan…", "bezig");
    meedoen().then(function () { return stuur(pad, body); }).then(function (j) {
      if (j.ok) {
        try { localStorage.removeItem(WACHT); } catch (e) {}
        gelukt(j);
      } else if (j.status === 401) {
        mijn = null;
        bewaar(pad, body, gelukt, poging + 1, meld);
      } else if (j.status >= 500) {
        throw j;
      } else {
        try { localStorage.removeItem(WACHT); } catch (e) {}
        meld(j.fout || "Dit kon niet worden opgeslagen.", "fout");
      }
    }).catch(function () {
      var wacht = Math.min(8000, 1000 * Math.pow(2, poging));
      meld("Nog niet opgeslagen: geen verbinding. We proberen het over " + Math.round(wacht / 1000) + " s opnieuw…", "fout");
      setTimeout(function () { bewaar(pad, body, gelukt, poging + 1, meld); }, wacht);
    });
  }

  var STAND = {
    hidden: ["Deze vraag is nog niet open. Wacht even: de begeleider opent hem zo.", "wacht"],
    open: ["De vraag is open: kies uw antwoord. U kunt het veranderen tot de vraag sluit.", "open"],
    openTekst: ["De vraag is open: schrijf uw antwoord. Een verstuurd antwoord kunt u niet meer veranderen of intrekken.", "open"],
    closed: ["Deze vraag is gesloten. Kijk naar het scherm voorin de zaal.", "dicht"],
    revealed: ["Deze vraag is gesloten; de uitkomst staat op het scherm voorin de zaal.", "dicht"]
  };

  function tekenVraag(v) {
    blok.appendChild(maak("p", {"class": "stap"}, "Vraag " + v.nummer + " van " + v.aantal));
    blok.appendChild(maak("h2", {id: "vraagtitel"}, v.tekst));
    blok.appendChild(maak("p", {id: "stand", "class": "stand"}));
    blok.appendChild(maak("p", {id: "timer", "class": "timer", role: "timer"}));
    blok.appendChild(maak("p", {"class": "uitleg"}, v.uitleg));
    if (v.soort === "open") { tekenOpen(v); } else { tekenSchaal(v); }
  }
  function tekenSchaal(v) {
    var veld = maak("fieldset", {"aria-describedby": "stand"});
    veld.appendChild(maak("legend", null, "Uw antwoord"));
    v.opties.forEach(function (optie) {
      var label = maak("label", {"class": "optie"});
      var input = maak("input", {type: "radio", name: "antwoord", value: String(optie[0])});
      input.addEventListener("change", function () {
        if (stand.vraag.stand !== "open") return;
        var waarde = optie[0];
        bewaar("/antwoord", {vraag: v.id, waarde: waarde}, function () {
          mijn.antwoorden[v.id] = waarde;
          melding("Opgeslagen ✓ Uw antwoord: " + optie[1].split(".")[0] + ".", "goed");
        });
      });
      label.appendChild(input);
      label.appendChild(maak("span", null, optie[1]));
      veld.appendChild(label);
    });
    blok.appendChild(veld);
    blok.appendChild(maak("p", {id: "melding", "class": "melding", role: "status"}));
  }
  function tekenOpen(v) {
    var form = maak("form", {id: "openformulier"});
    form.appendChild(maak("label", {"for": "tekst"}, "Uw antwoord (hoogstens " + v.max + " tekens)"));
    var veld = maak("textarea", {id: "tekst", name: "tekst", rows: "3", maxlength: String(v.max)});
    form.appendChild(veld);
    var knop = maak("button", {type: "submit"}, "Versturen");
    form.appendChild(knop);
    form.appendChild(maak("p", {id: "over", "class": "uitleg"}));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var tekst = veld.value.trim();
      if (!tekst) { melding("Schrijf eerst uw antwoord.", "fout"); veld.focus(); return; }
      bewaar("/open", {vraag: v.id, tekst: tekst}, function () {
        (mijn.open[v.id] = mijn.open[v.id] || []).push(tekst);
        veld.value = "";
        lijstOpen(v);
        melding("Verstuurd ✓ Dit antwoord kunt u niet meer veranderen. De begeleider kiest welke antwoorden op het scherm komen.", "goed");
      });
    });
    blok.appendChild(form);
    blok.appendChild(maak("p", {id: "melding", "class": "melding", role: "status"}));
    blok.appendChild(maak("div", {id: "mijnopen"}));
  }
  // how many answers this phone may still send to the open question (the facilitator's number)
  function overOpen(v) {
    var p = document.getElementById("over");
    if (!p) return;
    var max = v.per_persoon || 1, over = Math.max(0, max - ((mijn && mijn.open[v.id]) || []).length);
    if (over > 0) {
      p.textContent = "U kunt nog " + aantal(over, "antwoord", "antwoorden") + " sturen.";
    } else {
      p.textContent = "U heeft " + (max === 1 ? "uw antwoord" : "uw " + max + " antwoorden") + " gestuurd: meer kan niet bij deze vraag.";
      Array.prototype.forEach.call(blok.querySelectorAll("#openformulier textarea, #openformulier button"), function (i) { i.disabled = true; });
    }
  }
  function lijstOpen(v) {
    overOpen(v);
    var plek = document.getElementById("mijnopen");
    if (!plek) return;
    plek.textContent = "";
    var eigen = (mijn && mijn.open[v.id]) || [];
    if (!eigen.length) return;
    plek.appendChild(maak("h3", null, "Uw antwoorden"));
    var ul = maak("ul", {"class": "mijn"});
    eigen.forEach(function (t) { ul.appendChild(maak("li", null, t)); });
    plek.appendChild(ul);
  }
  function tekenStemmen(s) {
    blok.appendChild(maak("h2", null, "Welke voorstellen moet de gemeente oppakken?"));
    var form = maak("form", {id: "stemformulier"});
    var veld = maak("fieldset", {"aria-describedby": "teller"});
    veld.appendChild(maak("legend", null, "Kies hoogstens " + aantal(s.max, "voorstel", "voorstellen")));
    s.opties.forEach(function (optie) {
      var label = maak("label", {"class": "optie"});
      label.appendChild(maak("input", {type: "checkbox", name: "keuze", value: optie[0]}));
      var tekst = maak("span");
      tekst.appendChild(maak("strong", null, optie[0]));
      tekst.appendChild(document.createTextNode(" " + optie[1]));
      label.appendChild(tekst);
      veld.appendChild(label);
    });
    form.appendChild(veld);
    form.appendChild(maak("p", {id: "teller", "aria-live": "polite"}));
    form.appendChild(maak("button", {type: "submit"}, "Stem"));
    form.appendChild(maak("p", {id: "melding", "class": "melding", role: "status"}));
    blok.appendChild(form);
    form.addEventListener("change", function () { teller(s); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var keuze = gekozen();
      if (!keuze.length) { melding("Kies eerst één of meer voorstellen.", "fout"); return; }
      bewaar("/stem", {keuze: keuze}, function () {
        mijn.stemmen = keuze;
        melding("Opgeslagen ✓ Uw stem telt voor " + keuze.join(", ") + ". U kunt hem aanpassen tot de stemming sluit.", "goed");
      });
    });
  }
  function gekozen() {
    return Array.prototype.filter.call(document.querySelectorAll("input[name=keuze]"), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }
  function teller(s) {
    var n = gekozen().length;
    Array.prototype.forEach.call(document.querySelectorAll("input[name=keuze]"), function (i) {
      i.disabled = !i.checked && n >= s.max;
    });
    var t = document.getElementById("teller");
    if (t) t.textContent = "U heeft " + n + " van de " + aantal(s.max, "stip", "stippen") + " gekozen.";
  }

  function teken() {
    var v = stand.vraag;
    var sleutel = stand.fase + ":" + (v ? v.id : "") + ":" + (stand.stemmen ? stand.stemmen.opties.join("|") : "");
    if (sleutel !== getoond) {
      var vorige = getoond;
      getoond = sleutel;
      blok.textContent = "";
      if (stand.fase === "ended") {
        blok.appendChild(maak("h2", null, "De workshop is afgelopen"));
        blok.appendChild(maak("p", null, "Bedankt voor uw deelname! U kunt dit venster sluiten."));
      } else if (stand.stemmen) {
        tekenStemmen(stand.stemmen);
      } else if (v) {
        tekenVraag(v);
      } else {
        blok.appendChild(maak("h2", null, "Even wachten"));
        blok.appendChild(maak("p", null, "De begeleider begint zo."));
      }
      if (vorige) {
        // a new question (or the vote, or the end) starts at its top, its heading focused: a screen
        // reader reads it out, and nobody is left halfway down the previous question's options
        var kop = blok.querySelector("h2");
        window.scrollTo(0, 0);
        if (kop) {
          kop.setAttribute("tabindex", "-1");
          kop.focus({preventScroll: true});
        } else {
          aankondiging.textContent = stand.stemmen ? "Het stemmen is begonnen." : (v ? "Vraag " + v.nummer + ": " + v.tekst : "");
        }
      }
    }
    werkBij();
  }
  // the time left of the open question, counted down here every quarter second; at zero the server
  // closes the question, and the next "stand" says so
  function aftellen() {
    var p = document.getElementById("timer"), v = stand.vraag;
    if (!p) return;
    if (!v || v.stand !== "open" || !v.eindtijd) { p.className = "timer"; p.textContent = ""; return; }
    var rest = Math.max(0, Math.ceil((v.eindtijd * 1000 - (Date.now() + verschil)) / 1000));
    var tijd = Math.floor(rest / 60) + ":" + ("0" + (rest % 60)).slice(-2);
    p.textContent = rest > 0 ? "Nog " + tijd + " om te antwoorden" : "De tijd is om.";
    p.className = "timer zichtbaar" + (rest <= 10 ? " bijna" : "");
  }
  setInterval(aftellen, 250);

  // what changes without a new question: open, closed, revealed; and this phone's own choices
  function werkBij() {
    var v = stand.vraag;
    if (v) {
      var s = (v.soort === "open" && v.stand === "open") ? STAND.openTekst : (STAND[v.stand] || STAND.hidden);
      var p = document.getElementById("stand");
      if (p) { p.textContent = s[0]; p.className = "stand " + s[1]; }
      var open = v.stand === "open";
      Array.prototype.forEach.call(blok.querySelectorAll("input, textarea, button"), function (i) { i.disabled = !open; });
      if (v.soort === "schaal" && mijn && mijn.antwoorden.hasOwnProperty(v.id)) {
        var eigen = String(mijn.antwoorden[v.id]);
        Array.prototype.forEach.call(blok.querySelectorAll("input[name=antwoord]"), function (i) { i.checked = i.value === eigen; });
      }
      if (v.soort === "open") lijstOpen(v);
      aftellen();
    } else if (stand.stemmen && mijn) {
      var gestemd = mijn.stemmen || [];
      if (!document.querySelector("input[name=keuze]:checked")) {
        Array.prototype.forEach.call(blok.querySelectorAll("input[name=keuze]"), function (i) { i.checked = gestemd.indexOf(i.value) >= 0; });
      }
      teller(stand.stemmen);
    }
  }

  // questions from the room (Q&A): below the current question, while the facilitator has it open.
  // The form is made once (a half-typed question survives every change of the room); the list is
  // drawn again when it changes. Texts go in with textContent, as everywhere on this page.
  var zaal = document.getElementById("zaal");
  var zaalGetoond = null;
  var EIGEN = {
    nieuw: "verstuurd; de begeleider kijkt ernaar",
    goedgekeurd: "staat in de lijst",
    beantwoord: "beantwoord",
    verborgen: "niet in de lijst gezet door de begeleider"
  };
  function zaalMelding(tekst, soort) {
    var m = document.getElementById("zaalmelding");
    if (!m) return;
    m.textContent = tekst;
    m.className = "melding " + (soort || "");
  }
  function tekenZaal() {
    var z = stand.zaal;
    if (!z || stand.fase === "ended") {
      zaal.hidden = true;
      zaal.textContent = "";
      zaalGetoond = null;
      return;
    }
    if (zaalGetoond === null) bouwZaal(z);
    zaal.hidden = false;
    lijstZaal();
  }
  function bouwZaal(z) {
    zaal.textContent = "";
    zaal.appendChild(maak("h2", {id: "zaaltitel"}, "Vragen uit de zaal"));
    zaal.appendChild(maak("p", {"class": "uitleg"}, "Heeft u een vraag? Stel hem hier, anoniem (hoogstens " + z.per_persoon +
      " vragen). De begeleider kiest welke vragen in de lijst komen. Steun de vragen die u ook wilt stellen: de vragen met de meeste steun komen op het scherm."));
    var form = maak("form", {id: "zaalformulier"});
    form.appendChild(maak("label", {"for": "zaaltekst"}, "Uw vraag (hoogstens " + z.max + " tekens)"));
    var veld = maak("textarea", {id: "zaaltekst", name: "zaaltekst", rows: "2", maxlength: String(z.max)});
    form.appendChild(veld);
    form.appendChild(maak("button", {type: "submit"}, "Vraag versturen"));
    form.appendChild(maak("p", {id: "zaalmelding", "class": "melding", role: "status"}));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var tekst = veld.value.trim();
      if (!tekst) { zaalMelding("Schrijf eerst uw vraag.", "fout"); veld.focus(); return; }
      bewaar("/zaalvraag", {tekst: tekst}, function (j) {
        if (mijn && j.vraag) mijn.vragen = (mijn.vragen || []).concat([j.vraag]);
        veld.value = "";
        lijstZaal();
        zaalMelding("Verstuurd ✓ Als de begeleider hem goedkeurt, staat uw vraag in de lijst.", "goed");
      }, 0, zaalMelding);
    });
    zaal.appendChild(form);
    zaal.appendChild(maak("div", {id: "eigenvragen"}));
    zaal.appendChild(maak("h3", null, "Vragen in de lijst"));
    zaal.appendChild(maak("ul", {id: "zaallijst", "class": "zaallijst"}));
    zaalGetoond = "";
  }
  function lijstZaal() {
    var z = stand.zaal;
    if (!z || zaalGetoond === null) return;
    var steun = (mijn && mijn.steun) || [];
    var status = {};
    z.vragen.forEach(function (v) { status[v[0]] = v[2] ? "beantwoord" : "goedgekeurd"; });
    var eigen = (mijn && mijn.vragen) || [];
    var plek = document.getElementById("eigenvragen");
    plek.textContent = "";
    if (eigen.length) {
      plek.appendChild(maak("h3", null, "Uw vragen"));
      var ul = maak("ul", {"class": "mijn"});
      eigen.forEach(function (v) {
        var s = status[v.id] || (v.stand === "verborgen" ? "verborgen" : "nieuw");
        ul.appendChild(maak("li", null, v.tekst + " (" + EIGEN[s] + ")"));
      });
      plek.appendChild(ul);
    }
    // one's own question has no upvote button (the server refuses it): "Uw vraag" instead
    var eigenIds = eigen.map(function (v) { return v.id; });
    var sleutel = JSON.stringify([z.vragen, steun, eigenIds]);
    if (sleutel === zaalGetoond) return;
    zaalGetoond = sleutel;
    var lijst = document.getElementById("zaallijst");
    var focus = document.activeElement && document.activeElement.getAttribute("data-vraag");
    lijst.textContent = "";
    if (!z.vragen.length) { lijst.appendChild(maak("li", null, "Nog geen vragen in de lijst.")); return; }
    z.vragen.forEach(function (v) {
      var li = maak("li");
      li.appendChild(maak("p", null, v[1]));
      var vanMij = eigenIds.indexOf(v[0]) >= 0;
      if (v[2]) {
        li.appendChild(maak("p", {"class": "beantwoord"}, vanMij ? "Uw vraag · beantwoord" : "Beantwoord"));
      } else if (vanMij) {
        li.appendChild(maak("p", {"class": "eigen"}, "Uw vraag"));
      } else {
        var aan = steun.indexOf(v[0]) >= 0;
        li.firstChild.id = "zaalvraag" + v[0];
        var knop = maak("button", {type: "button", "class": "steun", "aria-pressed": aan ? "true" : "false",
          "aria-describedby": "zaalvraag" + v[0], "data-vraag": String(v[0])}, "Steunen");
        knop.addEventListener("click", function () {
          bewaar("/steun", {vraag: v[0], aan: !aan}, function () {
            mijn.steun = (mijn.steun || []).filter(function (id) { return id !== v[0]; });
            if (!aan) mijn.steun.push(v[0]);
            lijstZaal();
            zaalMelding(aan ? "Uw steun is ingetrokken." : "Gesteund ✓ U kunt uw steun intrekken met dezelfde knop.", "goed");
          }, 0, zaalMelding);
        });
        li.appendChild(knop);
      }
      lijst.appendChild(li);
    });
    if (focus) {
      var terug = lijst.querySelector('button[data-vraag="' + focus + '"]');
      if (terug) terug.focus();
    }
  }

  function verbind() {
    var bron = new EventSource(basis + "/stroom");
    bron.addEventListener("stand", function (e) { stand = JSON.parse(e.data); teken(); tekenZaal(); });
    bron.addEventListener("mijn", function (e) { mijn = JSON.parse(e.data); werkBij(); zaalGetoond = zaalGetoond === null ? null : ""; lijstZaal(); });
    bron.addEventListener("klok", function (e) { verschil = JSON.parse(e.data) * 1000 - Date.now(); });
    bron.onopen = function () { verbinding.className = ""; };
    bron.onerror = function () {
      verbinding.textContent = "De verbinding is even weg. We proberen het opnieuw; uw antwoorden blijven bewaard.";
      verbinding.className = "zichtbaar";
    };
  }

  teken();
  tekenZaal();
  meedoen().then(function () {
    werkBij();
    if (zaalGetoond !== null) { zaalGetoond = ""; lijstZaal(); }
    var wacht = null;
    try { wacht = JSON.parse(localStorage.getItem(WACHT) || "null"); } catch (e) {}
    if (wacht) bewaar(wacht.pad, wacht.body, function () { melding("Opgeslagen ✓", "goed"); });
  }).catch(function (j) {
    var tekst = (j && j.fout) || "Meedoen lukte niet. Herlaad de pagina.";
    if (document.getElementById("melding")) { melding(tekst, "fout"); }
    else { blok.appendChild(maak("p", {"class": "melding fout", role: "alert"}, tekst)); }
  }).then(function () { verbind(); });
})();
"""


def _json_for_script(data: object) -> str:
    """JSON that is safe inside a <script> element (no "</script>", no HTML comments)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


PRIVACY = (
    "U doet anoniem mee: we bewaren geen naam, e-mailadres of IP-adres. Uw telefoon krijgt een willekeurige "
    "sleutel (een cookie), zodat herladen uw antwoorden houdt. Uitkomsten komen pas op het scherm vanaf 5 "
    "antwoorden; open antwoorden en vragen uit de zaal alleen als de begeleider ze goedkeurt."
)


def _document(title: str, body: str, nonce: str, script: str = "") -> str:
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        f'<style nonce="{nonce}">{CSS}</style></head><body>{body}{script}</body></html>'
    )


def phone_page(code: str, state: dict, mine: dict | None, nonce: str, server_time: float) -> str:
    """``server_time``: Unix seconds now, so the phone counts a countdown down against the server's clock."""
    title = state.get("titel") or "Workshop"
    data = _json_for_script({"code": code, "stand": state, "mijn": mine, "nu": server_time})
    body = (
        '<main id="inhoud">'
        f"<h1>{html.escape(title)}</h1>"
        '<p id="verbinding" role="status"></p>'
        '<div id="blok"></div>'
        '<section id="zaal" aria-labelledby="zaaltitel" hidden></section>'
        '<p id="aankondiging" class="verborgen" aria-live="polite"></p>'
        "<noscript><p>Zet JavaScript aan in uw browser om mee te doen.</p></noscript>"
        f"<details><summary>Privacy: wat bewaren we?</summary><p>{PRIVACY}</p></details>"
        "</main>"
    )
    script = (
        f'<script id="begin" type="application/json">{data}</script><script nonce="{nonce}">{JS}</script>'
    )
    return _document(f"{title} – meedoen", body, nonce, script)


def code_page(typed: str, error: str | None, nonce: str) -> str:
    """Type the code from the screen. A wrong code keeps what was typed, with the reason beside it."""
    described = ' aria-describedby="codefout" aria-invalid="true"' if error else ""
    error_html = (
        f'<p id="codefout" class="melding fout" role="alert">{html.escape(error)}</p>' if error else ""
    )
    body = (
        '<main id="inhoud"><h1>Doe mee met de workshop</h1>'
        "<p>Typ de code die op het scherm voorin de zaal staat.</p>"
        '<form method="get" action="/doe">'
        '<label for="code"><strong>Code van de workshop</strong></label>'
        f'<input type="text" id="code" name="code" class="code" value="{html.escape(typed)}" maxlength="40" '
        f'autocomplete="off" autocapitalize="characters" spellcheck="false" required{described}>'
        f"{error_html}"
        '<button type="submit">Meedoen</button></form>'
        f"<details><summary>Privacy: wat bewaren we?</summary><p>{PRIVACY}</p></details>"
        "</main>"
    )
    return _document("Doe mee met de workshop", body, nonce)


def closed_page(title: str, message: str, nonce: str, heading: str = "Aanmelden is gesloten") -> str:
    """A room that takes no new participants: what is going on and what to do, nothing to answer."""
    body = (
        '<main id="inhoud">'
        f"<h1>{html.escape(title or 'Workshop')}</h1>"
        f'<div role="alert"><h2>{html.escape(heading)}</h2>'
        f'<p class="uitleg">{html.escape(message)}</p></div>'
        f"<details><summary>Privacy: wat bewaren we?</summary><p>{PRIVACY}</p></details>"
        "</main>"
    )
    return _document(f"{title or 'Workshop'} – {heading.lower()}", body, nonce)
