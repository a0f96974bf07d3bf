# English dates as the portal writes them in every language: day, month, year ("5 November 2026"), a 24-hour
# clock (seminars are announced in Almaty time), and an unambiguous short form for tables ("5 Nov 2026").
# Django's own English formats ("Nov. 5, 2026", "11/05/2026", "5 p.m.") read as American and mixed.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Kazakhstan
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
