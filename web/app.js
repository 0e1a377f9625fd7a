// The page of `placesim serve`: starts a session, draws both places on the same axes as weekly
// aggregates arrive (server-sent events), and sends play/pause/step, lever moves and saves.
// All validation is the server's; this file only shows what it answers.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
const COLORS = ["#1f5fa8", "#c45000"];

// What the tests read: the session, the chart data, the lever changes.
const live = { id: null, info: null, x: [], series: {}, changes: [], person: emptyPerson(),
               charts: {}, personCharts: {}, pick: null, source: null };
window.live = live;

// The followed person's weekly history, both arms: x = days, per arm one array per quantity
// and need[d] per domain (the shape of the server's /api/follow "history").
function emptyPerson() {
  const arm = () => ({ wellbeing: [], cost: [], contacts: [], failure_contacts: [], workers_met: [],
                       crises: [], need: Array.from({ length: 8 }, () => []) });
  return { x: [], arms: [arm(), arm()] };
}

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
  makePersonCharts();
  makePickChart();
}

// One life over time: small charts, both places on the same axes. Needs share one scale (0 to
// at least 1) so the domains compare at a glance; the counts start at zero.
function personDefs() {
  const defs = [
    { key: "wellbeing", title: "Wellbeing (0-1)", lines: [["wellbeing", (p) => p.wellbeing]] },
    { key: "contacts", title: "Contacts so far (dashed: failure demand)",
      lines: [["contacts", (p) => p.contacts], ["failure", (p) => p.failure_contacts]] },
    { key: "workers", title: "Workers met so far", lines: [["workers met", (p) => p.workers_met]] },
    { key: "cost", title: "Cost so far (GBP)", lines: [["cost", (p) => p.cost]] },
  ];
  live.info.domains.forEach((d, i) => defs.push(
    { key: "need_" + i, title: "Need: " + d, need: true, lines: [["need", (p) => p.need[i]]] }));
  return defs;
}

// A one-line key in the places' colours (the small charts carry no legend of their own).
function armKey(extra) {
  const p = document.createElement("p");
  p.className = "key";
  live.info.arms.forEach((arm, a) => {
    const s = document.createElement("span");
    s.className = "arm" + a;
    s.textContent = "\u25cf " + arm + "  ";
    p.appendChild(s);
  });
  if (extra) p.appendChild(document.createTextNode(extra));
  return p;
}

function makePersonCharts() {
  const box = $("person_charts");
  box.innerHTML = "";
  box.appendChild(armKey("(each chart: the followed person, week by week; dashed vertical lines: " +
                         "lever changes)"));
  live.personCharts = {};
  live.person = emptyPerson();
  for (const def of personDefs()) {
    if (def.key === "need_0") {
      const h = document.createElement("h3");
      h.className = "needs";
      h.textContent = "Needs by domain (0 fine, 1 crisis; the same scale in every domain)";
      box.appendChild(h);
    }
    const div = document.createElement("div");
    div.className = "chart small" + (def.need ? " need" : "");
    div.dataset.key = def.key;
    const h = document.createElement("h3");
    h.textContent = def.title;
    div.appendChild(h);
    box.appendChild(div);
    const series = [{ label: "day" }];
    def.lines.forEach(([label], k) => live.info.arms.forEach((arm, a) =>
      series.push({ label: arm + " " + label, stroke: COLORS[a], width: 2,
                    dash: k ? [6, 3] : undefined })));
    const y = def.need ? { range: (u, lo, hi) => [0, Math.max(1, hi || 0)] }
                       : { range: (u, lo, hi) => [Math.min(0, lo || 0), Math.max(1, hi || 0)] };
    const u = new uPlot({ width: def.need ? 260 : 300, height: def.need ? 130 : 160,
                          series, legend: { show: false }, plugins: [markersPlugin()],
                          scales: { x: { time: false }, y },
                          axes: [{}, { size: 45, values: (_, vals) => vals.map(short) }] },
                        [[]].concat(series.slice(1).map(() => [])), div);
    live.personCharts[def.key] = { u, def };
  }
}

// The scatter of people to pick from: one point per person and place (x: largest need now,
// y: cost so far); a click on a point follows that person. Points are the sample the server
// tracks from day 0, so the person's charts show their whole past.
function makePickChart() {
  const div = $("pick_chart");
  div.innerHTML = "";
  const h = document.createElement("h3");
  h.textContent = "Click a person to follow (" + live.info.sample_ids.length +
                  " people of the place; a ring marks the one followed)";
  div.appendChild(h);
  div.appendChild(armKey("(each person is a point in each place)"));
  live.pick = { ids: live.info.sample_ids, points: [], u: null };
  const series = [{ label: "largest need" }].concat(live.info.arms.map((arm, a) => ({
    label: arm, stroke: COLORS[a], paths: () => null,
    points: { show: true, size: 6, width: 1, stroke: COLORS[a], fill: COLORS[a] + "99" } })));
  const ring = {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = "#000";
        ctx.lineWidth = 2 * devicePixelRatio;
        for (const p of live.pick.points) {
          if (p.id !== live.followed) continue;
          ctx.beginPath();
          ctx.arc(u.valToPos(p.x, "x", true), u.valToPos(p.y, "y", true), 7 * devicePixelRatio,
                  0, 2 * Math.PI);
          ctx.stroke();
        }
        ctx.restore();
      },
      ready: (u) => u.over.addEventListener("click", () => {
        const p = nearestPoint(u, u.cursor.left, u.cursor.top);
        if (p) { $("person").value = p.id; follow(); }
      }),
    },
  };
  live.pick.u = new uPlot({
    width: 520, height: 260, series, plugins: [ring], legend: { show: false },
    cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
    scales: { x: { time: false, range: (u, lo, hi) => [0, Math.max(1, hi || 0)] } },
    axes: [{ label: "largest need now" },
           { label: "cost so far (GBP)", size: 60, values: (_, vals) => vals.map(short) }],
  }, [[], [], []], div);
}

// The point nearest the cursor (CSS pixels in the plot area), within 10 px, or null.
function nearestPoint(u, left, top) {
  let best = null;
  let bestD = 100;
  for (const p of live.pick.points) {
    const dx = u.valToPos(p.x, "x") - left;
    const dy = u.valToPos(p.y, "y") - top;
    const d = dx * dx + dy * dy;
    if (d <= bestD) { best = p; bestD = d; }
  }
  return best;
}

// The scatter's points from a week: x sorted (uPlot's one x array), each place's y only on
// its own points (null elsewhere).
function updatePick(week) {
  if (!live.pick || !week.arms[0].sample_need) return;
  const pts = [];
  week.arms.forEach((arm, a) => arm.sample_need.forEach((x, k) =>
    pts.push({ x, y: arm.sample_cost[k], a, id: live.pick.ids[k] })));
  pts.sort((p, q) => p.x - q.x);
  live.pick.points = pts;
  live.pick.u.setData([pts.map((p) => p.x),
                       pts.map((p) => (p.a === 0 ? p.y : null)),
                       pts.map((p) => (p.a === 1 ? p.y : null))]);
}

function redraw() {
  for (const { u, def } of Object.values(live.charts)) {
    const data = [live.x];
    for (const [field] of def.lines)
      live.info.arms.forEach((_, a) => data.push(live.series[def.key + "/" + a + "/" + field]));
    u.setData(data);
  }
  for (const { u, def } of Object.values(live.personCharts)) {
    const data = [live.person.x];
    for (const [, get] of def.lines) live.person.arms.forEach((p) => data.push(get(p)));
    u.setData(data);
  }
  if (live.pick && live.pick.u) live.pick.u.redraw(false);
}

// A week of the followed person (from the stream) added to their history.
function addPersonWeek(week) {
  const last = live.person.x[live.person.x.length - 1];
  if (week.person_id !== live.followed || (last !== undefined && week.day <= last)) return;
  live.person.x.push(week.day);
  week.arms.forEach((arm, a) => {
    const p = arm.person, h = live.person.arms[a];
    for (const k of ["wellbeing", "cost", "contacts", "failure_contacts", "workers_met", "crises"])
      h[k].push(p[k]);
    p.need.forEach((v, d) => h.need[d].push(v));
  });
}

// The whole history the server kept for a newly followed person.
function setPersonHistory(h) {
  live.person = emptyPerson();
  live.person.x = h.day.slice();
  h.arms.forEach((arm, a) => {
    const p = live.person.arms[a];
    for (const k of ["wellbeing", "cost", "contacts", "failure_contacts", "workers_met", "crises"])
      p[k] = arm[k].slice();
    p.need = arm.need.map((v) => v.slice());
  });
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
  $("person_now").textContent = "#" + week.person_id;
  if (week.day <= 0 || (live.x.length && week.day <= live.x[live.x.length - 1])) return;
  live.x.push(week.day);
  for (const c of CHARTS)
    for (const [field] of c.lines)
      week.arms.forEach((arm, a) => live.series[c.key + "/" + a + "/" + field].push(arm[field]));
  addPersonWeek(week);
  updatePick(week);
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
    const r = await api("POST", "/api/follow", { id: live.id, person: $("person").value });
    live.followed = r.week.person_id;
    setPersonHistory(r.history);
    showPerson(r.week);
    $("person_now").textContent = "#" + r.week.person_id;
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
