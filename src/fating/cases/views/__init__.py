"""Pages of the cases app, one module per resource; urls.py routes them."""
