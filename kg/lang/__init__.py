"""Language resources shared by extraction, linking and ``kg explain``.

``kg.lang.rules`` loads the rule files (``kg/rules/<label>/*.toml`` and user packs),
and ``kg.lang.trace`` records which rule kept or rejected a candidate.
"""
