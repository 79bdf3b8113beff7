"""REST API of the cases app (/api/v1/cases/), one module per resource; api_urls.py routes them."""
