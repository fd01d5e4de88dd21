"""Plain web pages served beside the Streamlit app (Starlette routes in the same server).

Streamlit-free: imports starlette and the domain. Layer: interfaces (like scan/ui and the CLI).
"""
