"""Building the book: parameters → chapters executed (cached, in parallel) → HTML → published site.

``pipeline`` runs a build; ``project`` knows where things live; ``declarations`` reads what a
chapter's module says it reads; ``cache`` keys a chapter on exactly that; ``execute`` runs
notebooks and ``prose`` makes their Markdown ready for readers (conditions, a cell per force);
``generated`` writes the pages made from findings and registers; ``site`` calls Jupyter Book and
publishes; ``landing`` writes the page of editions; ``provenance`` records what a build came from;
``newyear`` scaffolds next year's parameters and ``newedition`` a first edition of any force;
``cli`` is the ``assess`` command.
"""

from .pipeline import Summary, build, build_all

__all__ = ["Summary", "build", "build_all"]
