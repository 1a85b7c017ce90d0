"""`python -m bot.rasa_server <rasa run options>`: Rasa's own `rasa run`, given the HTTP API token
from the environment (PASSERELLE_RASA_TOKEN) rather than on its command line, which every user
of the machine can read with `ps`. The token opens every conversation through Rasa's API."""
from __future__ import annotations

import os
import sys

from rasa.__main__ import main

from bot import rasa_patches

if __name__ == "__main__":
    rasa_patches.apply()
    token = os.environ.pop("PASSERELLE_RASA_TOKEN", "")
    if not token:
        sys.exit("PASSERELLE_RASA_TOKEN is not set: Rasa's HTTP API is never started without a token.")
    # Rasa reads its options from sys.argv; the process's own command line stays without the token.
    sys.argv = ["rasa", "run", *sys.argv[1:], "--auth-token", token]
    main()
