"""``python -m deckgen``: the ``deckgen`` command."""
from .cli import main

# The guard matters: a process pool started with "spawn" (Windows) imports this module as
# ``__mp_main__`` in every worker, which must not run the command again.
if __name__ == "__main__":
    main()
