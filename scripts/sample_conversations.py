"""Write one sample conversation per language into docs/conversations/, from the running assistant.

    .venv/bin/python scripts/sample_conversations.py [http://127.0.0.1:5005]

Every bot line in those files is what Passerelle answered over its REST channel; nothing is
typed by hand but the user's lines below.
"""
from __future__ import annotations

import sys
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = {
    "en": ["hello", "I want to start my own business, is there an incubator in Liège?",
           "how does the OACAS route work?", "thank you"],
    "fr": ["bonjour", "je cherche un guichet unique pour migrants", "Bruxelles",
           "est-ce que travailler dans une coopérative peut m'aider à avoir des papiers en Espagne ?",
           "je voudrais parler à quelqu'un", "par téléphone", "06 12 34 56 78", "merci"],
    "nl": ["hallo", "ik zoek een mentor om werk te vinden in België", "hoe werkt de OACAS-route?", "dank je"],
    "es": ["hola", "busco una cooperativa que contrate migrantes en Barcelona", "como funciona Diomcoop?",
           "gracias"],
    "it": ["ciao", "cerco un corso di italiano gratuito", "Prato",
           "il mio capo non mi paga da tre mesi e mi minaccia", "no grazie", "grazie mille"],
    "ar": ["السلام عليكم", "أبحث عن حاضنة أعمال لأبدأ مشروعي في لييج", "ok", "أريد التحدث مع شخص",
           "هنا في المحادثة", "شكرا"],
}


def main(base: str) -> None:
    out = ROOT / "docs" / "conversations"
    out.mkdir(parents=True, exist_ok=True)
    for lang, lines in SCRIPTS.items():
        sender = f"sample-{lang}-{uuid.uuid4().hex[:6]}"
        text = [f"# Sample conversation ({lang})", "",
                f"Produced by `scripts/sample_conversations.py` against the running assistant ({base}).", ""]
        for line in lines:
            text += [f"**Person:** {line}", ""]
            replies = httpx.post(f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": line},
                                 timeout=120).json()
            for reply in replies:
                if reply.get("text"):
                    body = reply["text"].replace("\n", "  \n")
                    text += [f"**Passerelle:** {body}", ""]
                for button in reply.get("buttons") or []:
                    text += [f"- [{button['title']}]", ""]
        (out / f"{lang}.md").write_text("\n".join(text), encoding="utf-8")
        print(f"wrote docs/conversations/{lang}.md")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5005")
