// The room client: REST for history and writes, WebSocket for live messages, polling when the
// WebSocket is unavailable. Plain JavaScript, no build step (courts run on closed networks).
(function () {
  "use strict";
  const root = document.getElementById("room");
  if (!root) return;
  const T = window.FATING_CHAT_TEXT || {};
  const api = root.dataset.api;
  const me = Number(root.dataset.me);
  const timeline = document.getElementById("timeline");
  const statusEl = document.getElementById("status");
  const errorEl = document.getElementById("error");
  const seen = new Set();
  let lastId = 0;
  let socket = null;
  let pollTimer = null;
  let retry = 0;

  function csrf() {
    const m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    const h = document.body.getAttribute("hx-headers");
    try { return JSON.parse(h)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  async function call(method, path, body) {
    const opts = { method: method, headers: { "X-CSRFToken": csrf() }, credentials: "same-origin" };
    if (body instanceof FormData) opts.body = body;
    else if (body) { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
    const res = await fetch(api + path, opts);
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const msg = data && data.error ? data.error.message : String(res.status);
      errorEl.textContent = msg; errorEl.hidden = false;
      throw new Error(msg);
    }
    errorEl.hidden = true;
    return data;
  }

  // "MM-DD HH:mm" in the court's zone (data-tz, from settings.TIME_ZONE), as the server renders
  // the history: the same clock for everyone in the room, whatever the device's zone.
  const courtZone = root.dataset.tz || "Asia/Shanghai";
  function courtTime(iso) {
    const when = new Date(iso);
    if (isNaN(when.getTime())) return "";
    let parts;
    try {
      parts = new Intl.DateTimeFormat("en-GB", {
        timeZone: courtZone, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
        hourCycle: "h23",
      }).formatToParts(when);
    } catch (e) {
      return iso.slice(5, 16).replace("T", " ");
    }
    const p = {};
    parts.forEach(function (x) { p[x.type] = x.value; });
    return p.month + "-" + p.day + " " + p.hour + ":" + p.minute;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Parties and liaisons see "已核验"; court staff also see the file's SHA-256, one tap away.
  function verifiedMark(sha256) {
    const mark = el("span", "badge on", " " + (T.verified || "")); mark.title = T.verifiedHint || "";
    if (root.dataset.detail !== "1" || !sha256) return mark;
    const box = el("details", "tech"); box.appendChild(el("summary", "", T.verified || ""));
    box.appendChild(el("code", "", "SHA-256 " + sha256)); return box;
  }

  function render(m) {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    lastId = Math.max(lastId, m.id);
    const li = el("li", "msg kind-" + m.kind + (m.author && m.author.id === me ? " mine" : ""));
    li.dataset.id = m.id;
    if (m.reply_to) li.appendChild(el("span", "quote", m.reply_to.excerpt));
    if (m.author) li.appendChild(el("b", "", m.author.name + (m.author_label ? "（" + m.author_label + "）" : "") + " "));
    li.appendChild(el("span", "text", m.text));
    const file = m.file || m.evidence;
    if (file) {
      const a = el("a", "", " " + (file.name || file.file_name));
      a.href = file.url; li.appendChild(a);
      li.appendChild(verifiedMark(file.sha256));
    }
    const at = el("time", "", courtTime(m.created_at));
    at.setAttribute("datetime", m.created_at);
    li.appendChild(at);
    if (m.kind !== "system") {
      const r = el("button", "link", T.reply || "reply");
      r.type = "button";
      r.addEventListener("click", () => {
        document.getElementById("reply_to").value = m.id;
        const box = document.getElementById("replying");
        box.textContent = (T.reply || "") + "：" + m.text.slice(0, 40); box.hidden = false;
      });
      li.appendChild(r);
    }
    timeline.querySelectorAll("li.msg:not([data-live])").forEach((old) => {
      if (Number(old.dataset.id) === m.id) old.remove();
    });
    li.dataset.live = "1";
    timeline.appendChild(li);
    timeline.scrollTop = timeline.scrollHeight;
    if (m.kind === "evidence") loadEvidence();
    if (m.kind === "proposal" || m.kind === "system") { loadProposals(); loadBidding(); }
    markRead();
  }

  let readTimer = null;
  function markRead() {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      if (!lastId || document.hidden) return;
      if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: "read", message_id: lastId }));
      else call("POST", "read/", { message_id: lastId }).catch(() => {});
    }, 500);
  }

  async function catchUp() {
    const items = await call("GET", "messages/" + (lastId ? "?after=" + lastId : ""));
    items.forEach(render);
  }

  function startPolling() {
    statusEl.textContent = T.polling || "polling";
    if (!pollTimer) pollTimer = setInterval(() => catchUp().catch(() => {}), 3000);
  }

  function connect() {
    if (!("WebSocket" in window)) { startPolling(); return; }
    const proto = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(proto + location.host + root.dataset.ws);
    socket.onopen = () => {
      retry = 0;
      clearInterval(pollTimer); pollTimer = null;
      statusEl.textContent = T.online || "online";
      socket.send(JSON.stringify({ type: "sync", after: lastId }));
    };
    socket.onmessage = (ev) => {
      const data = JSON.parse(ev.data);
      if (data.type === "message") render(data.message);
      else if (data.type === "error") { errorEl.textContent = data.error.message; errorEl.hidden = false; }
    };
    socket.onclose = (ev) => {
      socket = null;
      if (ev.code === 4403) { location.reload(); return; }  // removed from the matter
      startPolling();
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 1000 * 2 ** retry);
    };
  }

  const composer = document.getElementById("composer");
  if (composer) {
    composer.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = new FormData(composer);
      data.append("client_token", (crypto.randomUUID && crypto.randomUUID()) || String(Date.now() + Math.random()));
      if (!data.get("file") || !data.get("file").size) data.delete("file");
      if (!data.get("reply_to")) data.delete("reply_to");
      const m = await call("POST", "messages/", data);
      render(m);
      composer.reset();
      document.getElementById("replying").hidden = true;
    });
  }

  async function loadEvidence() {
    const tbody = document.querySelector("#evidence-table tbody");
    if (!tbody) return;
    const rows = await call("GET", "evidence/");
    tbody.textContent = "";
    rows.forEach((row) => {
      const tr = el("tr");
      tr.appendChild(el("td", "", row.seq));
      const td = el("td"); const a = el("a", "", row.title); a.href = api + "evidence/" + row.id + "/file/";
      td.appendChild(a); td.appendChild(verifiedMark(row.sha256)); tr.appendChild(td);
      tr.appendChild(el("td", "", row.side_label || "—"));
      const ops = el("td");
      Object.entries(row.opinions).forEach(([side, o]) => {
        const who = (row.opinion_sides && row.opinion_sides[side]) || "—";
        ops.appendChild(el("div", "", who + "：" + (o ? ["authenticity", "legality", "relevance"].map((k) => o[k].property + o[k].label + (o[k].reason ? "（" + o[k].reason + "）" : "")).join(" / ") : (T.pending || "—"))));
        if (!o && side === root.dataset.side) {
          const b = el("button", "link", T.opinion || "opinion"); b.type = "button";
          b.addEventListener("click", () => { const f = document.getElementById("opinion-form"); f.hidden = false; f.evidence.value = row.id; });
          ops.appendChild(b);
        }
      });
      tr.appendChild(ops);
      tbody.appendChild(tr);
    });
  }

  async function loadProposals() {
    const list = document.getElementById("proposals");
    if (!list) return;
    const items = await call("GET", "proposals/");
    list.textContent = "";
    items.forEach((p) => {
      const li = el("li", "", (p.amount ? p.amount + " 元 · " : "") + p.terms + " · " + p.status_label);
      if (p.status === "open" && p.side !== root.dataset.side && root.dataset.side) {
        [["accept", T.accept], ["reject", T.reject]].forEach(([d, label]) => {
          const b = el("button", "link", label); b.type = "button";
          b.addEventListener("click", () => call("POST", "proposals/" + p.id + "/respond/", { decision: d }).then(loadProposals));
          li.appendChild(b);
        });
      }
      list.appendChild(li);
    });
  }

  async function loadBidding() {
    const box = document.getElementById("bidding");
    if (!box) return;
    const view = await call("GET", "bidding/");
    if (!view) return;
    box.textContent = (view.status_label || "—") + (view.own_offers.length ? " · " + view.own_offers.map((o) => o.amount).join(" → ") : "") + (view.settlement ? " · " + view.settlement.amount + " 元" : "");
  }

  function bindForm(id, path, after) {
    const form = document.getElementById(id);
    if (!form) return;
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      const target = typeof path === "function" ? path(data) : path;
      const hasFile = [...data.values()].some((v) => v instanceof File);
      await call("POST", target, hasFile ? data : Object.fromEntries(data));
      form.reset();
      if (after) after();
    });
  }
  bindForm("evidence-form", "evidence/", loadEvidence);
  bindForm("opinion-form", (d) => "evidence/" + d.get("evidence") + "/opinions/", () => { document.getElementById("opinion-form").hidden = true; loadEvidence(); });
  bindForm("proposal-form", "proposals/", loadProposals);
  bindForm("bidding-open", "bidding/", loadBidding);
  bindForm("bidding-offer", "bidding/offers/", loadBidding);
  const exportBtn = document.getElementById("export-evidence");
  if (exportBtn) exportBtn.addEventListener("click", () => call("POST", "evidence/export/"));

  timeline.querySelectorAll("li.msg").forEach((li) => { lastId = Math.max(lastId, Number(li.dataset.id)); });
  catchUp().then(() => { loadEvidence(); loadProposals(); loadBidding(); }).catch(() => {});
  connect();
  document.addEventListener("visibilitychange", markRead);
})();
