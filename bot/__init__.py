"""Passerelle: a multilingual guidance assistant for migrants."""
import os

# Rasa sends usage telemetry and crash reports to its vendor unless told not to. The people who
# write to Passerelle are often afraid of being tracked: nothing leaves the machine. Set here so
# that every entry point (CLI, launcher, action server, tests) and the processes they start
# inherit it; an operator cannot switch it back on by accident through Rasa's global config.
os.environ["RASA_TELEMETRY_ENABLED"] = "false"
