"""The chat widget: its JavaScript source (src/, built into dist/ by scripts/setup.sh) and the
interface strings it shows, translated from the same gettext catalogues as the bot's answers."""

# The conversation id a widget makes (a random hex id) or is given; checked by the socket.io
# channel and by the web app's delete endpoint alike.
CONVERSATION_ID = r"^[A-Za-z0-9_-]{8,64}$"
