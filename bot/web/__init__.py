"""The Passerelle web app (FastAPI): directory API, demo page; later widget and staff dashboard."""
