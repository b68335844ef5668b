"""Save the README's screenshot: the reader on the bundled article, as an SVG it draws itself.

Run from the top of the checkout: ``python docs/screenshot.py``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.pack.load import load_pack
from reader.resources import default_pack
from reader.ui.app import make_app

OUT = Path(__file__).resolve().parent / "screenshot.svg"


async def main() -> None:
    pack = load_pack(default_pack()).pack
    assert pack is not None
    app = make_app(pack, use_state=False)
    claim = next(c for c in pack.claims if c.id == "un-mission-confirmed-no-violence")
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go_to_sentence(claim.sentences[0])  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
