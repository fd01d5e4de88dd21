"""What the screens, the report, the presentation and the exports show, assembled once.

One module per thing shown: ``self_scan`` (the municipality's own answers, roles, trend), ``peers`` (the
comparison with a peer group), ``agreement`` (what the agreement promises), ``workshops`` (what workshops
published), ``agenda`` (suggestions and the draft agenda), ``plan`` (the step plan), and ``round`` (all of it
for one round's documents). ``exports``, ``presentation`` and ``report`` turn an assembled view into a file.
Streamlit-free: the UI caches these (scan/ui/components/cached.py); documents call them directly.
"""
