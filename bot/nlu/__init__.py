"""Custom Rasa NLU components (loaded by config.yml as bot.nlu.<module>.<Class>)."""
