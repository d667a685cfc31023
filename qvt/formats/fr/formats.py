# The same as Django's French formats, written down so that both languages are read here.
SHORT_DATE_FORMAT = "d/m/Y"
DATE_FORMAT = "j F Y"
