"""The annual audit of a CKAN open-data portal (plan tasks 5.2 and 5.3).

`run_audit` crawls the portal (or reads a `ckanapi dump`), runs every check
and returns an `Audit`: findings and scores as data. `report.write_outputs`
renders it as an open-data package, HTML and Markdown.
"""

from opendata.audit.crawl import PortalUnreadable
from opendata.audit.run import run_audit

__all__ = ["PortalUnreadable", "run_audit"]
