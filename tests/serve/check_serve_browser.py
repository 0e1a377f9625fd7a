#!/usr/bin/env python3
"""`placesim serve` in a real browser (Debian's chromium + chromium-driver, python3-selenium):
load the page, start a preset, play, move a slider, see both places' charts gain points and
diverge, pause, save, check the file with `placesim inspect`, check the console is clean, and
save screenshots as artefacts.
Usage: check_serve_browser.py PLACESIM WORKDIR [SCREENSHOT_DIR]. Exits 77 (skipped) when the
browser or selenium is missing."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import Server, wait_for  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.keys import Keys
except ImportError:
    print("skipped: python3-selenium is not installed")
    sys.exit(77)

exe, work = sys.argv[1], sys.argv[2]
shots = sys.argv[3] if len(sys.argv) > 3 else os.path.join(work, "serve_screenshots")
chromium = shutil.which("chromium")
driver_path = shutil.which("chromedriver")
if not chromium or not driver_path:
    print("skipped: chromium or chromedriver is not installed")
    sys.exit(77)
save = os.path.join(work, "serve_browser")
shutil.rmtree(save, ignore_errors=True)
os.makedirs(save)
os.makedirs(shots, exist_ok=True)
profile = tempfile.mkdtemp(prefix="placesim-chromium-")


def js(driver, code):
    return driver.execute_script(code)


with Server(exe, "--save-dir", save, "--max-citizens", "20000") as srv:
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--window-size=1400,1800", "--user-data-dir=" + profile]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    try:
        driver.set_page_load_timeout(20)
        driver.get(srv.link)
        wait_for(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#preset option")) > 0, 10,
                 "the preset list")
        assert driver.find_element(By.ID, "preset").get_attribute("value") == "silo-vs-relational"
        people = driver.find_element(By.ID, "citizens")
        people.clear()
        people.send_keys("5000")
        driver.find_element(By.ID, "start").click()
        wait_for(lambda: js(driver, "return window.live.id"), 30, "the session")
        wait_for(lambda: driver.find_element(By.ID, "controls").is_displayed(), 5, "the controls")
        assert "the same in both places" in driver.find_element(By.ID, "status").text, \
            driver.find_element(By.ID, "status").text
        # Play at a quarter a second; let a few weeks arrive.
        driver.find_element(By.CSS_SELECTOR, "#speed option[value='13']").click()
        driver.find_element(By.ID, "play").click()
        wait_for(lambda: js(driver, "return window.live.x.length") >= 4, 20, "the first weeks")
        # Move a slider of the relational place with the keyboard, as a user would.
        slider = driver.find_element(
            By.CSS_SELECTOR, "input[type=range][data-arm='relational'][data-key='groups.funding']")
        before = float(slider.get_attribute("value"))
        js_focus = "arguments[0].focus()"
        driver.execute_script(js_focus, slider)
        for _ in range(5):
            slider.send_keys(Keys.ARROW_LEFT)
        wait_for(lambda: js(driver, "return window.live.changes.length") >= 1, 10,
                 "the lever change to be taken")
        change = js(driver, "return window.live.changes[0]")
        assert change["arm"] == "relational" and change["key"] == "groups.funding", change
        assert float(slider.get_attribute("value")) < before
        day_moved = change["day"]
        wait_for(lambda: js(driver, "return window.live.x.length") >= 16, 30, "more weeks")
        driver.save_screenshot(os.path.join(shots, "serve-running.png"))
        # Both charts gained points, in both places, and the places differ.
        # Read in one script: weeks keep arriving meanwhile.
        state = js(driver, "const l = window.live; return [l.x.length, "
                           "Object.fromEntries(Object.entries(l.series).map(([k, v]) => [k, v.length]))]")
        n, lengths = state
        for key in ["demand/0/failure_demand", "demand/1/failure_demand", "crisis/0/in_crisis",
                    "crisis/1/in_crisis", "cost/0/staff_cost", "cost/1/staff_cost"]:
            assert lengths[key] == n, (key, lengths[key], n)
        a = js(driver, "return window.live.series['demand/0/failure_demand']")
        b = js(driver, "return window.live.series['demand/1/failure_demand']")
        assert a != b, "the two places did not diverge"
        assert js(driver, "return window.live.x[window.live.x.length-1]") > day_moved
        # The change is marked and listed.
        assert "groups.funding" in driver.find_element(By.ID, "changes_1").text
        # Pause, save, and read the file back.
        driver.find_element(By.ID, "pause").click()
        driver.find_element(By.ID, "save").click()
        wait_for(lambda: "Saved" in driver.find_element(By.ID, "saved").text, 30, "the save")
        text = driver.find_element(By.ID, "saved").text
        files = [f for f in os.listdir(save) if f.endswith(".h5")]
        assert len(files) == 1 and files[0] in text, (files, text)
        r = subprocess.run([exe, "inspect", os.path.join(save, files[0])], capture_output=True,
                           text=True, timeout=60)
        assert r.returncode == 0 and "silo-vs-relational" in r.stdout, r.stderr
        links = driver.find_elements(By.LINK_TEXT, "Open its report")
        assert links, "no report offered"
        with urllib.request.urlopen(links[0].get_attribute("href"), timeout=30) as r:
            report = r.read().decode("utf-8", "replace")
        assert r.status == 200 and "<html" in report.lower() and "relational" in report, \
            "the report link does not give the run's report"
        # One life: follow another person.
        person = driver.find_element(By.ID, "person")
        person.clear()
        person.send_keys("42")
        driver.find_element(By.ID, "follow").click()
        wait_for(lambda: js(driver, "return window.live.followed") == 42, 10, "the person")
        driver.find_element(By.ID, "step").click()
        wait_for(lambda: js(driver, "return window.live.person.x.length") >= 1, 10,
                 "the person's first week")
        # One life: click a point of the scatter (a sampled person other than the one followed),
        # with the real pointer at the point's place on the screen.
        weeks_now = js(driver, "return window.live.x.length")
        target = js(driver, """
            const u = window.live.pick.u;
            u.over.scrollIntoView({block: 'center'});
            const r = u.over.getBoundingClientRect();
            const pts = window.live.pick.points.filter((p) => p.id !== window.live.followed);
            // A point with no other within 12 px, so the click cannot be taken by a neighbour.
            const px = pts.map((p) => [p, u.valToPos(p.x, 'x'), u.valToPos(p.y, 'y')]);
            for (const [p, x, y] of px) {
              if (x < 2 || y < 2 || x > r.width - 2 || y > r.height - 2) continue;
              const lonely = px.every(([q, qx, qy]) => q === p || q.id === p.id ||
                                      (qx - x) ** 2 + (qy - y) ** 2 > 144);
              if (lonely) return [p.id, Math.round(r.left + x), Math.round(r.top + y)];
            }
            return null;""")
        assert target, "no point on the scatter to click"
        pid, px, py = target
        actions = ActionBuilder(driver)
        actions.pointer_action.move_to_location(px, py).click()
        actions.perform()
        wait_for(lambda: js(driver, "return window.live.followed") == pid, 10,
                 "the person clicked on the scatter")
        # A sampled person comes with their whole past: a point for every week played.
        wait_for(lambda: js(driver, "return window.live.person.x.length") >= weeks_now, 10,
                 "the clicked person's history")
        needs = js(driver, "const c = window.live.personCharts; return "
                           "[c.need_0.u.data[1].length, c.need_7.u.data[2].length, "
                           "c.contacts.u.data[1].length, c.workers.u.data[2].length]")
        assert all(k >= weeks_now for k in needs), (needs, weeks_now)
        assert driver.find_element(By.ID, "person_now").text == "#%d" % pid
        driver.find_element(By.ID, "step").click()
        wait_for(lambda: js(driver, "return window.live.personCharts.need_0.u.data[1].length")
                 > needs[0], 10, "the clicked person's need charts to gain a week")
        js(driver, "document.getElementById('life').scrollIntoView()")
        driver.save_screenshot(os.path.join(shots, "serve-life.png"))
        js(driver, "window.scrollTo(0, 0)")
        # Or by clicking someone in crisis, when there is anyone.
        picks = driver.find_elements(By.CSS_SELECTOR, "#crisis_people button.pick")
        if picks:
            pid = int(picks[0].text.lstrip("#"))
            picks[0].click()
            wait_for(lambda: js(driver, "return window.live.followed") == pid, 10,
                     "the clicked person")
        driver.save_screenshot(os.path.join(shots, "serve-saved.png"))
        logs = driver.get_log("browser")
        errors = [e for e in logs if e.get("level") == "SEVERE"]
        assert not errors, errors
        print("browser test passed: %d weeks, lever moved on day %d, saved %s" %
              (n, day_moved, files[0]))
    except Exception:
        driver.save_screenshot(os.path.join(shots, "serve-failure.png"))
        for e in driver.get_log("browser"):
            print("console:", e)
        raise
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
