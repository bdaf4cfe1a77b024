"""Chinese number formats as the site prints counts: 共 1,234 条.

Django's zh_Hans formats group digits by four with no separator (34601),
so ``intcomma`` printed counts without grouping on Chinese pages while
English ones read 34,601. Mainland publications, statistical yearbooks
and government reports group by three with a comma, as the English pages
do; dates and the rest stay Django's.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
