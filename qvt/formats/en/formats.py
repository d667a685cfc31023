# Django's English SHORT_DATE_FORMAT is American (12/01/2026 for 1 December): this app's English
# is read by the same European teams, so numeric dates stay day first, as in French.
SHORT_DATE_FORMAT = "d/m/Y"
DATE_FORMAT = "j F Y"
