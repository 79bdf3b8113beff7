"""Fating E+ (法庭E+): a people's court linked with village and enterprise service points."""

__version__ = "0.1.0"
