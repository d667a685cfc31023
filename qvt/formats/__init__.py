"""Date formats per language (settings.FORMAT_MODULE_PATH), docs/vocabulary.md « Dates »: in a
sentence « 1 décembre 2026 » (`date:"j F Y"`), in a table, a chart's axis or a CSV the numeric
SHORT_DATE_FORMAT, day first in both languages."""
