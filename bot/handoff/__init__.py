"""Handing a conversation to contact-point staff: tickets, and how the person wants to be reached."""
