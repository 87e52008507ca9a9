/* 叫号屏: the windows and the waiting from the hall's live status stream; the latest calls
   (masked names) and the announcement from the display's own JSON, read again after every
   change; each new call shown large and, when 语音叫号 is on, spoken. */
"use strict";

(function () {
  const Y = window.Yiwang;
  const hallCode = decodeURIComponent(window.location.pathname.split("/")[3] || "");
  const VOICE = "yiwang.voice";
  const seen = new Set();
  let firstCalls = true;

  const $ = function (id) {
    return document.getElementById(id);
  };

  function tick() {
    $("clock").textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false });
  }

  function renderStatus(status) {
    const windows = $("windows").tBodies[0];
    windows.replaceChildren(
      ...status.windows.map(function (w) {
        const row = Y.el("tr");
        row.dataset.window = w.number;
        row.append(
          Y.el("td", w.number + "号窗口"),
          Y.el("td", w.serving || "—", "number"),
          Y.el("td", w.status === "open" ? (w.serving ? "办理中" : "空闲") : Y.WINDOW_STATES[w.status])
        );
        return row;
      })
    );
    const waiting = $("waiting").tBodies[0];
    waiting.replaceChildren(
      ...status.waiting.map(function (q) {
        const row = Y.el("tr");
        row.dataset.queue = q.category;
        row.append(Y.el("td", q.prefix + " " + q.name), Y.el("td", q.waiting + " 人", "number"));
        return row;
      })
    );
  }

  function callText(call) {
    return "请" + call.number + "号到" + call.window + "号窗口办理";
  }

  function announce(call) {
    const callout = $("callout");
    callout.textContent = "请 " + call.number + " 号 到 " + call.window + " 号窗口";
    callout.dataset.calls = String(Number(callout.dataset.calls || 0) + 1); // calls shown
    if ($("voice").checked && "speechSynthesis" in window) {
      const utterance = new SpeechSynthesisUtterance(callText(call));
      utterance.lang = "zh-CN";
      window.speechSynthesis.speak(utterance);
    }
  }

  function renderBoard(board) {
    $("hall-name").textContent = board.name + " 叫号屏";
    document.title = board.name + " 叫号屏";
    $("announcement").textContent = board.announcement;
    $("calls").replaceChildren(
      ...board.calls.map(function (call) {
        const item = Y.el("li");
        item.append(
          Y.el("span", call.number, "number"),
          Y.el("span", call.window + "号窗口"),
          Y.el("span", call.name || "", "name")
        );
        return item;
      })
    );
    // Oldest first, so two calls made together are said in the order they were made.
    const fresh = board.calls
      .filter(function (call) {
        return !seen.has(call.ticket_id + "#" + call.calls);
      })
      .reverse();
    fresh.forEach(function (call) {
      seen.add(call.ticket_id + "#" + call.calls);
      if (!firstCalls) announce(call);
    });
    firstCalls = false;
  }

  const refresh = Y.coalesced(async function () {
    try {
      renderBoard(await Y.api("/screens/halls/" + encodeURIComponent(hallCode) + "/board", {
        headers: Y.deviceHeaders(),
      }));
    } catch (problem) {
      if (problem.status === 401 || problem.status === 403) {
        Y.forgetDeviceKey();
        window.location.reload();
      }
    }
  });

  async function start() {
    tick();
    window.setInterval(tick, 1000);
    const voice = $("voice");
    voice.checked = window.localStorage.getItem(VOICE) === "on";
    voice.addEventListener("change", function () {
      window.localStorage.setItem(VOICE, voice.checked ? "on" : "off");
    });
    await Y.device($("setup"), "display", hallCode);
    $("screen").hidden = false;
    await refresh();
    Y.liveStatus(
      hallCode,
      function (status) {
        renderStatus(status);
        refresh();
      },
      function (state) {
        Y.showLink($("link"), state);
      }
    );
    window.setInterval(refresh, 60000); // the announcement may change without a call
  }

  document.addEventListener("DOMContentLoaded", start);
})();
