// ordergraph live dashboard: plain JavaScript, no build step.
// Orders come from one HTTP query; changes arrive over the `graphql-transport-ws` websocket
// subscription `orderEvents`, which resumes after a dropped connection from the last cursor it saw.
// The API key stays in this browser tab's sessionStorage; it never goes into a URL.
(function () {
  "use strict";

  const STATUSES = ["DRAFT", "ACTIVATED", "IN_FULFILLMENT", "FULFILLED", "COMPLETED", "CANCELLED"];
  const COLORS = {
    DRAFT: "#8a94a6",
    ACTIVATED: "#2f6fed",
    IN_FULFILLMENT: "#f29d0b",
    FULFILLED: "#13a4a4",
    COMPLETED: "#1b7f3b",
    CANCELLED: "#c62828",
  };
  const KEY_STORE = "ordergraph.dashboard.key";
  const HTTP_URL = window.location.origin + "/graphql";
  const WS_URL = HTTP_URL.replace(/^http/, "ws");
  const MAX_ORDER_PAGES = 20; // 2,000 orders at most in the table
  const MAX_FEED = 100;
  const ORDER_FIELDS = "number status totalAmount currency createdAt activatedAt account { name }";
  const ORDERS_QUERY = `query DashboardOrders($after: String) {
    orders(first: 100, after: $after, sort: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor } edges { node { ${ORDER_FIELDS} } } } }`;
  const EVENTS_SUBSCRIPTION = `subscription DashboardEvents($after: String) {
    orderEvents(after: $after) { cursor type previousStatus status at actor order { ${ORDER_FIELDS} } } }`;

  const $ = (id) => document.getElementById(id);
  const state = {
    key: null,
    orders: new Map(), // number -> order
    rows: new Map(), // number -> <tr>
    cursor: null, // the last event processed: where a new subscription resumes
    socket: null,
    generation: 0, // bumps on every socket we give up, so its late callbacks are ignored
    retry: 0,
    timer: null,
    reloadOnAck: false,
    touched: new Set(), // orders a live event updated while a snapshot was loading: the event is newer
    renderQueued: false,
  };

  // ---- small helpers -------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(message, code) {
      super(message);
      this.code = code;
    }
  }

  async function gql(query, variables) {
    let body;
    try {
      const response = await fetch(HTTP_URL, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer " + state.key },
        body: JSON.stringify({ query, variables: variables || {} }),
      });
      body = await response.json();
    } catch (error) {
      throw new ApiError("The server cannot be reached (" + error.message + ").", "NETWORK");
    }
    if (body.errors && body.errors.length) {
      const first = body.errors[0];
      throw new ApiError(first.message, (first.extensions || {}).code);
    }
    return body.data;
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: "currency", currency: currency || "USD" }).format(amount);
    } catch (_) {
      return Number(amount).toFixed(2) + " " + (currency || "");
    }
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setConnection(text, live) {
    $("connection").textContent = text;
    $("connection").classList.toggle("live", Boolean(live));
  }

  function showMessage(text) {
    $("message").textContent = text;
    $("message").hidden = !text;
  }

  // ---- connecting, and the websocket protocol ---------------------------------------------------
  async function connect(key) {
    disconnect();
    state.key = key;
    sessionStorage.setItem(KEY_STORE, key);
    showMessage("");
    setConnection("Checking the key…");
    let me;
    try {
      me = (await gql("query DashboardMe { me { name role } }")).me;
    } catch (error) {
      if (error.code === "UNAUTHENTICATED") return unauthorized();
      setConnection("Not connected.");
      return showMessage(error.message);
    }
    if (state.key !== key) return; // another connect started meanwhile
    $("disconnect").hidden = false;
    setConnection(`Connecting as ${me.name} (${me.role})…`);
    state.cursor = null;
    state.retry = 0;
    openSocket(); // subscribe first, then read the orders, so no change falls between the two
    await loadOrders();
  }

  function disconnect() {
    state.generation += 1;
    clearTimeout(state.timer);
    if (state.socket) state.socket.close(1000);
    state.socket = null;
    state.key = null;
    state.cursor = null;
    state.orders.clear();
    state.rows.clear();
    $("orders").replaceChildren();
    $("feed").replaceChildren();
    $("data").hidden = true;
    $("disconnect").hidden = true;
    setConnection("Not connected. Paste an API key.");
  }

  function unauthorized() {
    disconnect();
    sessionStorage.removeItem(KEY_STORE);
    showMessage(
      "This API key is not accepted: it is unknown or has been revoked. No data is shown. " +
        "Paste a valid key and connect again.",
    );
  }

  function openSocket() {
    const generation = ++state.generation;
    const socket = new WebSocket(WS_URL, "graphql-transport-ws");
    state.socket = socket;
    const send = (message) => socket.send(JSON.stringify(message));
    socket.onopen = () => send({ type: "connection_init", payload: { authorization: "Bearer " + state.key } });
    socket.onmessage = (message) => {
      if (generation !== state.generation) return;
      const data = JSON.parse(message.data);
      switch (data.type) {
        case "connection_ack":
          state.retry = 0;
          setConnection("Live: watching order events.", true);
          send({ id: "events", type: "subscribe", payload: { query: EVENTS_SUBSCRIPTION, variables: { after: state.cursor } } });
          if (state.reloadOnAck) {
            state.reloadOnAck = false;
            loadOrders(); // nothing to resume from: refresh the picture instead
          }
          break;
        case "ping":
          send({ type: "pong" });
          break;
        case "next":
          if (data.payload.errors && data.payload.errors.length) handleErrors(data.payload.errors);
          else applyEvent(data.payload.data.orderEvents);
          break;
        case "error":
          handleErrors(data.payload);
          break;
        case "complete":
          reconnect();
          break;
      }
    };
    socket.onclose = (event) => {
      if (generation !== state.generation) return;
      if (event.code === 4403 || event.code === 4401) return unauthorized();
      reconnect();
    };
  }

  function handleErrors(errors) {
    const first = errors[0] || {};
    const code = (first.extensions || {}).code;
    if (code === "UNAUTHENTICATED") return unauthorized();
    if (code === "SUBSCRIBER_TOO_SLOW" && first.extensions.after) state.cursor = first.extensions.after;
    reconnect();
  }

  function reconnect() {
    state.generation += 1; // ignore whatever the old socket still says
    if (state.socket) state.socket.close(1000);
    state.socket = null;
    if (!state.key) return;
    state.reloadOnAck = state.reloadOnAck || state.cursor === null;
    const delay = Math.min(10000, 500 * 2 ** state.retry) * (0.75 + Math.random() / 2);
    state.retry += 1;
    setConnection(`Connection lost; reconnecting in ${(delay / 1000).toFixed(1)} s (resuming from the last event)…`);
    clearTimeout(state.timer);
    state.timer = setTimeout(openSocket, delay);
  }

  // ---- data ------------------------------------------------------------------------------------
  async function loadOrders() {
    const key = state.key;
    let after = null;
    const loaded = [];
    state.touched = new Set();
    try {
      for (let page = 0; page < MAX_ORDER_PAGES; page++) {
        const data = (await gql(ORDERS_QUERY, { after })).orders;
        for (const edge of data.edges) loaded.push(edge.node);
        if (!data.pageInfo.hasNextPage) break;
        after = data.pageInfo.endCursor;
      }
    } catch (error) {
      if (error.code === "UNAUTHENTICATED") return unauthorized();
      return showMessage("Could not load orders: " + error.message);
    }
    if (key !== state.key) return;
    for (const order of loaded.reverse()) if (!state.touched.has(order.number)) upsertOrder(order, false);
    $("data").hidden = false;
    queueRender();
  }

  function applyEvent(event) {
    state.cursor = event.cursor;
    if (event.order) {
      state.touched.add(event.order.number);
      upsertOrder(event.order, true);
    }
    const item = el("li");
    const when = new Date(event.at).toLocaleTimeString();
    const what = event.status && event.previousStatus !== event.status
      ? `${event.previousStatus || "new"} → ${event.status}`
      : event.type.toLowerCase().replace("_", " ");
    item.append(el("strong", {}, event.order ? event.order.number : "order"), ` ${what} `);
    item.append(el("span", { class: "when" }, `${when}${event.actor ? " · " + event.actor : ""}`));
    $("feed").prepend(item);
    while ($("feed").children.length > MAX_FEED) $("feed").lastChild.remove();
    queueRender();
  }

  function upsertOrder(order, live) {
    const previous = state.orders.get(order.number);
    state.orders.set(order.number, order);
    let row = state.rows.get(order.number);
    if (!row) {
      row = el("tr");
      row.append(
        el("td", {}, order.number),
        el("td", {}, order.account ? order.account.name : ""),
        el("td", { "data-testid": `order-${order.number}-status` }),
        el("td", { class: "num" }),
      );
      state.rows.set(order.number, row);
      $("orders").prepend(row);
    }
    const statusCell = row.children[2];
    const badge = el("span", { class: "status" }, order.status);
    badge.style.background = COLORS[order.status] || "#555";
    statusCell.replaceChildren(badge);
    row.children[3].textContent = money(order.totalAmount, order.currency);
    if (live && previous && previous.status !== order.status) {
      row.classList.remove("changed");
      void row.offsetWidth; // restart the highlight animation
      row.classList.add("changed");
    }
  }

  // ---- summary and charts ----------------------------------------------------------------------
  function queueRender() {
    if (state.renderQueued) return;
    state.renderQueued = true;
    requestAnimationFrame(() => {
      state.renderQueued = false;
      renderSummary();
    });
  }

  function renderSummary() {
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, { count: 0, totals: {} }]));
    const bookings = new Map();
    const days = [];
    for (let i = 13; i >= 0; i--) {
      const day = new Date(Date.now() - i * 86400000).toISOString().slice(0, 10);
      days.push(day);
      bookings.set(day, 0);
    }
    for (const order of state.orders.values()) {
      const bucket = byStatus[order.status] || (byStatus[order.status] = { count: 0, totals: {} });
      bucket.count += 1;
      bucket.totals[order.currency] = (bucket.totals[order.currency] || 0) + Number(order.totalAmount);
      const day = order.activatedAt && order.status !== "CANCELLED" ? order.activatedAt.slice(0, 10) : null;
      if (day && bookings.has(day)) bookings.set(day, bookings.get(day) + Number(order.totalAmount));
    }
    $("order-count").textContent = `(${state.orders.size})`;
    const cards = Object.entries(byStatus).map(([status, bucket]) => {
      const card = el("div", { class: "card", "data-testid": `status-${status}` });
      card.style.borderTop = `3px solid ${COLORS[status] || "#555"}`;
      const totals = Object.entries(bucket.totals).map(([currency, sum]) => money(sum, currency)).join(" + ");
      card.append(
        el("div", { class: "label" }, status.replace("_", " ")),
        el("div", { class: "count", "data-testid": `status-${status}-count` }, String(bucket.count)),
        el("div", { class: "total", "data-testid": `status-${status}-total` }, totals || money(0, "USD")),
      );
      return card;
    });
    $("status-cards").replaceChildren(...cards);
    $("chart-status").replaceChildren(
      barsChart(STATUSES.map((s) => ({ label: s.replace("_", " "), value: byStatus[s].count, color: COLORS[s] })), String),
    );
    $("chart-bookings").replaceChildren(
      columnsChart(days.map((d) => ({ label: d.slice(5), value: bookings.get(d) })), (v) => money(v, "USD")),
    );
  }

  function barsChart(items, format) {
    const width = 420, row = 24, labelWidth = 110;
    const height = items.length * row + 4;
    const max = Math.max(1, ...items.map((i) => i.value));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
    items.forEach((item, index) => {
      const y = index * row + 2;
      const w = ((width - labelWidth - 50) * item.value) / max;
      chart.append(svg("text", { x: 0, y: y + 15 }, item.label));
      chart.append(svg("rect", { x: labelWidth, y: y + 3, width: Math.max(w, 1), height: row - 8, rx: 3, fill: item.color }));
      chart.append(svg("text", { x: labelWidth + w + 6, y: y + 15 }, format(item.value)));
    });
    return chart;
  }

  function columnsChart(items, format) {
    const width = 420, height = 180, bottom = 20, top = 14;
    const max = Math.max(1, ...items.map((i) => i.value));
    const slot = width / items.length;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
    items.forEach((item, index) => {
      const h = ((height - bottom - top) * item.value) / max;
      const x = index * slot + 3;
      const bar = svg("rect", { x, y: height - bottom - h, width: slot - 6, height: Math.max(h, 0.5), rx: 2, fill: "#2f6fed" });
      bar.append(svg("title", {}, `${item.label}: ${format(item.value)}`));
      chart.append(bar);
      // Every other day labelled, today included, centred under its bar (the last one ends at the edge).
      const last = index === items.length - 1;
      const labelAt = { x: last ? width - 1 : x + (slot - 6) / 2, y: height - 5, "text-anchor": last ? "end" : "middle" };
      if ((items.length - 1 - index) % 2 === 0) chart.append(svg("text", labelAt, item.label));
    });
    chart.append(svg("text", { x: 0, y: 10 }, `max ${format(max)}`));
    return chart;
  }

  // ---- page wiring -----------------------------------------------------------------------------
  $("connect-form").addEventListener("submit", (event) => {
    event.preventDefault(); // the key must never end up in a URL
    const key = $("api-key").value.trim();
    if (!key) return showMessage("Paste an API key first.");
    connect(key);
  });
  $("disconnect").addEventListener("click", () => {
    sessionStorage.removeItem(KEY_STORE);
    $("api-key").value = "";
    disconnect();
  });
  const saved = sessionStorage.getItem(KEY_STORE);
  if (saved) {
    $("api-key").value = saved;
    connect(saved);
  }
})();
