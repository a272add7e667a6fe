"""Stage 4: extract lists and terms from segmented articles.

The pipeline of this stage, one module each:

* ``context`` — built once from config: the tokenizer with the user dictionary, the lexicon, ignored terms;
* ``rules/`` — the rule table (``RULES``): each rule finds ``Candidate``s (``candidate``) in an article, reading
  markers (``markers``), counted names (``names``) and cutting items (``items``) the same way;
* ``engine`` — runs the table, the passes (``passes``: naming from the lead, the lexicon) and de-duplication;
* ``stage`` — gives untitled articles a title from their main list, adds outlines, and assigns stable ids:
  ``list:<name key>`` and ``term:<term key>``, derived from the normalised name only so that they survive edits
  to the surrounding text; then the terms (``terms``, ``glossary``, ``lexicon``).

This package's own import loads nothing: what only reads a part of it (cards use ``names``, ``lexicon`` and
``words``; a rebuild whose sources are all cached extracts nothing) does not compile every rule's patterns.
"""
