/* The hall screens' shared pieces: JSON calls that turn problem+json into readable errors,
   the device key kept on the device, and the hall's live status over server-sent events
   that reconnects by itself with a growing, jittered delay. No framework, no build step. */
"use strict";

window.Yiwang = (function () {
  const API = "/api/v1";
  const DEVICE_KEY = "yiwang.deviceKey";

  class Problem extends Error {
    constructor(status, body) {
      super((body && body.title) || "请求失败（" + status + "）");
      this.status = status;
      this.code = (body && body.code) || "http." + status;
    }
  }

  async function api(path, options) {
    const opts = options || {};
    const headers = Object.assign({ Accept: "application/json" }, opts.headers || {});
    let body;
    if (opts.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.body);
    }
    let response;
    try {
      response = await fetch(API + path, {
        method: opts.method || "GET",
        headers: headers,
        body: body,
        cache: "no-store",
        credentials: "omit",
      });
    } catch (error) {
      throw new Problem(0, { title: "网络不可用，请稍后重试", code: "network" });
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch (error) {
      parsed = null;
    }
    if (!response.ok) throw new Problem(response.status, parsed);
    return parsed;
  }

  function deviceKey() {
    return window.localStorage.getItem(DEVICE_KEY);
  }

  function forgetDeviceKey() {
    window.localStorage.removeItem(DEVICE_KEY);
  }

  function deviceHeaders() {
    return { "X-Device-Key": deviceKey() || "" };
  }

  /* The setup form: the key is checked against /device/me (its kind, and its hall when one
     is named) before it is kept. Resolves with the device. */
  function setUpDevice(form, kind, hallCode) {
    const input = form.querySelector("input");
    const error = form.querySelector("[role=alert]");
    form.hidden = false;
    input.focus();
    return new Promise(function (resolve) {
      form.addEventListener("submit", async function (event) {
        event.preventDefault();
        error.textContent = "";
        const key = input.value.trim();
        try {
          const device = await api("/device/me", { headers: { "X-Device-Key": key } });
          if (device.kind !== kind || (hallCode && device.hall_code !== hallCode)) {
            error.textContent = "该密钥不属于本大厅的这类设备";
            return;
          }
          window.localStorage.setItem(DEVICE_KEY, key);
          input.value = "";
          form.hidden = true;
          resolve(device);
        } catch (problem) {
          error.textContent = problem.message;
        }
      });
    });
  }

  /* The device, by its kept key; asks for the key when there is none or it was revoked. */
  async function device(form, kind, hallCode) {
    if (deviceKey()) {
      try {
        const found = await api("/device/me", { headers: deviceHeaders() });
        if (found.kind === kind && (!hallCode || found.hall_code === hallCode)) return found;
      } catch (problem) {
        if (problem.status !== 401 && problem.status !== 403) throw problem;
      }
      forgetDeviceKey();
    }
    return setUpDevice(form, kind, hallCode);
  }

  const FIRST_DELAY = 1000;
  const MAX_DELAY = 30000;

  /* The hall's status stream. `onState` hears "live" or "reconnecting"; after an error the
     stream is closed and opened again after 1 s, 2 s, 4 s ... (at most 30 s, jittered), so
     a refused stream (429, 503) is retried too, which EventSource alone would not do. */
  function liveStatus(hallCode, onStatus, onState) {
    const url = API + "/halls/" + encodeURIComponent(hallCode) + "/status/stream";
    let delay = FIRST_DELAY;
    let source = null;
    let timer = null;

    function open() {
      timer = null;
      source = new EventSource(url);
      source.addEventListener("status", function (event) {
        delay = FIRST_DELAY;
        onState("live");
        onStatus(JSON.parse(event.data));
      });
      source.addEventListener("error", function () {
        source.close();
        onState("reconnecting");
        const wait = delay * (0.75 + Math.random() / 2);
        delay = Math.min(delay * 2, MAX_DELAY);
        timer = window.setTimeout(open, wait);
      });
    }

    open();
    return function stop() {
      if (timer !== null) window.clearTimeout(timer);
      if (source !== null) source.close();
    };
  }

  /* Runs `task` now, or once more after the run in flight (the one rerun shared by every
     call made meanwhile): bursts of events cost one or two calls, never one each. The
     promise settles when a run that started after the call has finished. */
  function coalesced(task) {
    let running = null;
    let queued = null;
    function run() {
      if (running !== null) {
        if (queued === null) {
          queued = running.catch(function () {}).then(function () {
            queued = null;
            return run();
          });
        }
        return queued;
      }
      running = Promise.resolve()
        .then(task)
        .finally(function () {
          running = null;
        });
      return running;
    }
    return run;
  }

  function showLink(element, state) {
    element.dataset.state = state;
    element.textContent = state === "live" ? "实时连接正常" : "连接中断，正在重新连接…";
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  const WINDOW_STATES = { open: "开放", paused: "暂停服务", closed: "已关闭" };

  return {
    api: api,
    Problem: Problem,
    device: device,
    deviceHeaders: deviceHeaders,
    forgetDeviceKey: forgetDeviceKey,
    liveStatus: liveStatus,
    coalesced: coalesced,
    showLink: showLink,
    el: el,
    WINDOW_STATES: WINDOW_STATES,
  };
})();
