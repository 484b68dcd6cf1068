"""The README's Python dashboard snippet (gql, graphql-transport-ws) runs as written."""

import asyncio
import os
import re
import sys
from pathlib import Path

from tests.live.server import ADMIN_KEY
from tests.live.test_subscriptions import activate, draft_order

ROOT = Path(__file__).resolve().parents[2]


async def test_readme_python_subscription_snippet_prints_events(server, tmp_path):
    readme = (ROOT / "README.md").read_text()
    snippet = re.search(r"```python\n(import asyncio, os.*?)```", readme, re.S).group(1)  # type: ignore[union-attr]
    script = tmp_path / "watch.py"
    script.write_text(snippet.replace("ws://127.0.0.1:8000/graphql", f"ws://127.0.0.1:{server.port}/graphql"))
    order = await draft_order(server)
    env = {**os.environ, "KEY": ADMIN_KEY, "AFTER": "0"}
    before = await server.subscribers()
    watcher = await asyncio.create_subprocess_exec(
        sys.executable, str(script), env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        await server.wait_for_subscribers(before + 1, timeout=20)
        await activate(server, order["id"])
        await asyncio.sleep(1.5)
    finally:
        watcher.terminate()
        out_bytes, err_bytes = await asyncio.wait_for(watcher.communicate(), 10)
    out, err = out_bytes.decode(), err_bytes.decode()
    assert f"CREATED {order['number']} DRAFT" in out, out + err
    assert f"STATUS_CHANGED {order['number']} ACTIVATED" in out, out + err
