"""Languages: the supported set, gettext catalogues, Babel formatting and the NLG class."""
