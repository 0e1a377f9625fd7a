// The page of `placesim serve`: starts a session, draws both places on the same axes as weekly
// aggregates arrive (server-sent events), and sends play/pause/step, lever moves and saves.
// All validation is the server's; this file only shows what it answers.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
const COLORS = ["#1f5fa8", "#c45000"];

// What the tests read: the session, the chart data, the lever changes.
const live = { id: null, info: null, x: [], series: {}, changes: [], person: { x: [], w: [[], []] },
               charts: {}, source: null };
window.live = live;

function status(msg, error) {
  $("status").textContent = msg || "";
  $("status").className = error ? "error" : "";
}

function withToken(params) {
  const p = new URLSearchParams(params);
  if (token) p.set("token", token);
  return p;
}

async function api(method, path, params) {
  const p = withToken(params || {});
  const opts = { method };
  let url = path;
  if (method === "GET") url += "?" + p.toString();
  else { opts.body = p; opts.headers = { "Content-Type": "application/x-www-form-urlencoded" }; }
  const res = await fetch(url, opts);
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const msg = body && body.error ? body.error : "the server answered " + res.status;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return body;
}

// The charts: each a list of lines, each line an indicator of one arm.
const CHARTS = [
  { key: "demand", title: "Value and failure demand (contacts per week)",
    lines: [["value_demand", "value"], ["failure_demand", "failure"]] },
  { key: "queue", title: "People waiting (queue length)", lines: [["queue", "queue"]] },
  { key: "wait", title: "Mean wait (days)", lines: [["wait", "wait"]] },
  { key: "crisis", title: "People in crisis", lines: [["in_crisis", "in crisis"]] },
  { key: "cost", title: "Cumulative cost (GBP): staff and crisis",
    lines: [["staff_cost", "staff"], ["crisis_cost", "crisis"]] },
  { key: "health", title: "System health (0-1): staff morale, people's trust, trust between services",
    lines: [["morale", "morale"], ["trust", "trust"], ["collab_trust", "services' trust"]] },
];

function markersPlugin() {
  // Lever changes as vertical lines on the time axis, in the colour of the arm moved.
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        ctx.save();
        for (const c of live.changes) {
          const arm = live.info ? live.info.arms.indexOf(c.arm) : 0;
          const x = u.valToPos(c.day, "x", true);
          if (!isFinite(x)) continue;
          ctx.strokeStyle = COLORS[arm] || "#000";
          ctx.setLineDash([4, 4]);
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

function makeCharts() {
  const box = $("charts");
  box.innerHTML = "";
  live.charts = {};
  live.series = {};
  const width = Math.max(420, Math.min(640, box.clientWidth / 2 - 20));
  for (const c of CHARTS) {
    const div = document.createElement("div");
    div.className = "chart";
    div.dataset.key = c.key;
    const h = document.createElement("h3");
    h.textContent = c.title;
    div.appendChild(h);
    box.appendChild(div);
    const series = [{ label: "day" }];
    const DASHES = [undefined, [6, 3], [2, 3]];  // first line solid, then dashed, then dotted
    c.lines.forEach(([field, label], k) =>
      live.info.arms.forEach((arm, a) => {
        series.push({ label: arm + " " + label, stroke: COLORS[a], width: 2, dash: DASHES[k] });
        live.series[c.key + "/" + a + "/" + field] = [];
      }));
    const data = [live.x].concat(series.slice(1).map(() => []));
    const u = new uPlot({ width, height: 220, series, plugins: [markersPlugin()],
                          scales: { x: { time: false } },
                          axes: [{ label: "day" }, { size: 60, values: (_, vals) => vals.map(short) }] },
                        data, div);
    live.charts[c.key] = { u, def: c };
  }
  const pdiv = $("person_chart");
  pdiv.innerHTML = "";
  live.person = { x: [], w: [[], []] };
  live.personChart = new uPlot({
    width: 640, height: 200, plugins: [markersPlugin()], scales: { x: { time: false } },
    axes: [{ label: "day" }, { label: "wellbeing" }],
    series: [{ label: "day" }].concat(live.info.arms.map((arm, a) =>
      ({ label: arm + ": wellbeing", stroke: COLORS[a], width: 2 }))),
  }, [[], [], []], pdiv);
}

function redraw() {
  for (const { u, def } of Object.values(live.charts)) {
    const data = [live.x];
    for (const [field] of def.lines)
      live.info.arms.forEach((_, a) => data.push(live.series[def.key + "/" + a + "/" + field]));
    u.setData(data);
  }
  live.personChart.setData([live.person.x, live.person.w[0], live.person.w[1]]);
}

// Axis labels: 1.5M, 250k, 0.6.
function short(v) {
  if (v == null) return "";
  const a = Math.abs(v);
  if (a >= 1e6) return +(v / 1e6).toPrecision(3) + "M";
  if (a >= 1e4) return +(v / 1e3).toPrecision(3) + "k";
  return +v.toPrecision(3) + "";
}

function fmt(v) {
  if (typeof v !== "number") return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-GB");
  return (Math.round(v * 100) / 100).toString();
}

function showPerson(week) {
  const t = $("person_table");
  const rows = [["", live.info.arms[0], live.info.arms[1]]];
  const p = week.arms.map((a) => a.person);
  const add = (name, f) => rows.push([name, f(p[0]), f(p[1])]);
  add("wellbeing", (q) => fmt(q.wellbeing));
  add("in crisis now", (q) => (q.in_crisis ? "yes" : "no"));
  add("contacts with services", (q) => q.contacts);
  add("of which failure demand", (q) => q.failure_contacts);
  add("workers met", (q) => q.workers_met);
  add("crises so far", (q) => q.crises);
  add("cost so far (GBP)", (q) => fmt(q.cost));
  live.info.domains.forEach((d, i) => add("need: " + d, (q) => fmt(q.need[i])));
  t.innerHTML = "";
  rows.forEach((r, i) => {
    const tr = document.createElement("tr");
    r.forEach((cell, j) => {
      const td = document.createElement(i === 0 || j === 0 ? "th" : "td");
      td.textContent = cell;
      if (i === 0 && j > 0) td.className = "arm" + (j - 1);
      tr.appendChild(td);
    });
    t.appendChild(tr);
  });
}

// People in crisis now, as buttons: a click follows that person through both places.
function showCrisisPeople(ids) {
  const box = $("crisis_people");
  box.innerHTML = "";
  if (!ids || !ids.length) return;
  box.appendChild(document.createTextNode("In crisis now (click to follow): "));
  for (const id of ids) {
    const b = document.createElement("button");
    b.className = "pick";
    b.textContent = "#" + id;
    b.addEventListener("click", () => { $("person").value = id; follow(); });
    box.appendChild(b);
  }
}

function onWeek(week) {
  $("day").textContent = week.day;
  showPerson(week);
  showCrisisPeople(week.in_crisis_ids);
  if (week.day <= 0 || (live.x.length && week.day <= live.x[live.x.length - 1])) return;
  live.x.push(week.day);
  for (const c of CHARTS)
    for (const [field] of c.lines)
      week.arms.forEach((arm, a) => live.series[c.key + "/" + a + "/" + field].push(arm[field]));
  if (week.person_id === live.followed) {
    live.person.x.push(week.day);
    week.arms.forEach((arm, a) => live.person.w[a].push(arm.person.wellbeing));
  }
  redraw();
  if (week.done) status("The run has reached its last day. Save it, or reset to start again.");
}

function openStream() {
  if (live.source) live.source.close();
  const src = new EventSource("/api/stream?" + withToken({ id: live.id }).toString());
  live.source = src;
  src.addEventListener("week", (ev) => onWeek(JSON.parse(ev.data)));
  src.addEventListener("ended", (ev) => {
    const msg = JSON.parse(ev.data).error;
    src.close();
    live.source = null;
    status(msg + ". Press Start for a new session.", true);
  });
  src.onerror = () => {
    // The browser reconnects by itself; say so rather than fail silently.
    if (src.readyState === EventSource.CONNECTING) status("Connection lost; reconnecting...", true);
  };
  src.onopen = () => { if ($("status").textContent.startsWith("Connection lost")) status(""); };
}

function showLevers() {
  live.info.arms.forEach((arm, a) => {
    const box = $("levers_" + a);
    box.innerHTML = "";
    const h = document.createElement("h3");
    h.textContent = (a === 0 ? "Place A: " : "Place B: ") + arm;
    h.className = "arm" + a;
    box.appendChild(h);
    for (const l of live.info.levers) {
      const row = document.createElement("div");
      row.className = "lever";
      const label = document.createElement("label");
      label.textContent = l.key + (l.unit ? " (" + l.unit + ")" : "");
      label.title = l.description;
      row.appendChild(label);
      const val = document.createElement("span");
      val.className = "val";
      let input;
      const current = l.values[a].replace(/^"|"$/g, "");
      if (l.type === "choice") {
        input = document.createElement("select");
        for (const c of l.choices) {
          const o = document.createElement("option");
          o.value = c; o.textContent = c;
          input.appendChild(o);
        }
        input.value = current;
      } else {
        input = document.createElement("input");
        input.type = "range";
        // The slider spans the registry's range, capped where the registry allows far more
        // than a lever is ever moved (money, hours): at ten times today's value.
        const now = Number(current);
        let max = l.max;
        if (max > 10 && now > 0 && max > 10 * now) max = 10 * now;
        if (max > 10 && now <= 0) max = Math.min(max, 100);
        input.min = l.min; input.max = max;
        input.step = l.type === "integer" ? 1 : (max - l.min) / 100;
        input.value = now;
        val.textContent = fmt(now);
        input.addEventListener("input", () => { val.textContent = fmt(Number(input.value)); });
      }
      input.dataset.arm = arm;
      input.dataset.key = l.key;
      input.addEventListener("change", () => moveLever(arm, l.key, input.value));
      row.appendChild(input);
      row.appendChild(val);
      box.appendChild(row);
    }
    const ch = document.createElement("div");
    ch.id = "changes_" + a;
    ch.className = "changes";
    box.appendChild(ch);
  });
}

function showChanges() {
  live.info.arms.forEach((arm, a) => {
    const box = $("changes_" + a);
    if (!box) return;
    const mine = live.changes.filter((c) => c.arm === arm);
    box.textContent = mine.length
      ? "Changed: " + mine.map((c) => c.key + " = " + c.value + " from day " + c.day).join("; ")
      : "";
  });
}

async function moveLever(arm, key, value) {
  try {
    const r = await api("POST", "/api/lever", { id: live.id, arm, key, value });
    live.info = r.info;
    live.changes = r.info.changes;
    showChanges();
    redraw();
    status(key + " in " + arm + " changes from day " + r.day + ".");
  } catch (e) {
    status(e.message, true);
  }
}

async function control(action, extra) {
  if (!live.id) return;
  try {
    await api("POST", "/api/control", Object.assign({ id: live.id, action }, extra || {}));
  } catch (e) {
    status(e.message, true);
  }
}

async function start() {
  status("Building the place and its people...");
  if (live.id) {
    try { await api("POST", "/api/reset", { id: live.id }); } catch (e) { /* already gone */ }
  }
  if (live.source) { live.source.close(); live.source = null; }
  try {
    const r = await api("POST", "/api/session", {
      preset: $("preset").value, arm_a: $("arm_a").value, arm_b: $("arm_b").value,
      citizens: $("citizens").value,
    });
    live.id = r.id;
    live.info = r.info;
    live.changes = [];
    live.x = [];
    live.followed = r.info.person_id;
    $("title").textContent = r.info.title;
    $("story_text").textContent = r.info.story;
    $("question").textContent = r.info.question;
    $("days").textContent = r.info.days;
    $("day").textContent = r.info.day;
    $("person").max = r.info.citizens - 1;
    $("saved").textContent = "";
    for (const s of ["story", "controls", "levers", "charts", "life"]) $(s).hidden = false;
    makeCharts();
    showLevers();
    openStream();
    await control("speed", { weeks_per_second: $("speed").value });
    status("Ready: press Play. " + r.info.citizens.toLocaleString("en-GB") +
           " people, the same in both places.");
  } catch (e) {
    // A full server says so plainly (503).
    status(e.status === 503 ? e.message : "Could not start: " + e.message, true);
  }
}

async function save() {
  await control("pause");
  status("Saving...");
  try {
    const r = await api("POST", "/api/save", { id: live.id });
    const box = $("saved");
    box.textContent = "Saved " + r.file + " in " + r.dir + ".";
    if (r.report) {
      const a = document.createElement("a");
      a.href = "/api/report?" + withToken({ id: live.id }).toString();
      a.target = "_blank";
      a.textContent = "Open its report";
      box.appendChild(a);
    }
    status("Saved. The lever changes are in the file as [[schedule]] entries.");
  } catch (e) {
    status(e.message, true);
  }
}

async function follow() {
  try {
    const week = await api("POST", "/api/follow", { id: live.id, person: $("person").value });
    live.followed = week.person_id;
    live.person = { x: [], w: [[], []] };
    showPerson(week);
    redraw();
  } catch (e) {
    status(e.message, true);
  }
}

function fillArms(p) {
  for (const [sel, k] of [["arm_a", 0], ["arm_b", 1]]) {
    const s = $(sel);
    s.innerHTML = "";
    p.arms.forEach((a) => {
      const o = document.createElement("option");
      o.value = a; o.textContent = a;
      s.appendChild(o);
    });
    s.value = p.arms[k];
  }
}

async function init() {
  try {
    const r = await api("GET", "/api/presets");
    live.presets = r.presets;
    const sel = $("preset");
    for (const p of r.presets) {
      const o = document.createElement("option");
      o.value = p.name;
      o.textContent = p.name + ": " + p.title;
      sel.appendChild(o);
    }
    sel.value = r.chosen;
    const current = () => r.presets.find((p) => p.name === sel.value);
    // The story and question of the preset being chosen, before anything runs.
    const preview = () => {
      const p = current();
      fillArms(p);
      $("title").textContent = p.title;
      $("story_text").textContent = p.story;
      $("question").textContent = p.question;
      $("story").hidden = false;
    };
    preview();
    sel.addEventListener("change", preview);
  } catch (e) {
    status(e.message, true);
  }
  $("start").addEventListener("click", start);
  $("play").addEventListener("click", () => control("play"));
  $("pause").addEventListener("click", () => control("pause"));
  $("step").addEventListener("click", () => control("step"));
  $("speed").addEventListener("change", () => control("speed", { weeks_per_second: $("speed").value }));
  $("reset").addEventListener("click", start);
  $("save").addEventListener("click", save);
  $("follow").addEventListener("click", follow);
}

init();
