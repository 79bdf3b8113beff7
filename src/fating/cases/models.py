"""Models of the cases app."""
