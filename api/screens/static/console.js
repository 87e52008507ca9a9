/* The window clerk's console: sign in (the token stays in this tab's sessionStorage), then
   call, recall, mark missed, complete, transfer and pause with a click or a key; the ticket
   at the window with its service items' materials to check; the waiting from the live
   status stream. */
"use strict";

(function () {
  const Y = window.Yiwang;
  const windowId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
  const TOKEN = "yiwang.staffToken";
  const FORMS = { original: "原件", copy: "复印件", original_and_copy: "原件及复印件", electronic: "电子版" };
  let desk = null;
  let stopStream = null;

  const $ = function (id) {
    return document.getElementById(id);
  };

  function staffHeaders() {
    return { Authorization: "Bearer " + (window.sessionStorage.getItem(TOKEN) || "") };
  }

  function say(text) {
    $("message").textContent = text;
  }

  function signIn() {
    const form = $("sign-in");
    const error = form.querySelector("[role=alert]");
    form.hidden = false;
    $("desk").hidden = true;
    $("sign-out").hidden = true;
    $("username").focus();
    return new Promise(function (resolve) {
      form.onsubmit = async function (event) {
        event.preventDefault();
        error.textContent = "";
        try {
          const tokens = await Y.api("/staff/auth/login", {
            method: "POST",
            body: { username: $("username").value, password: $("password").value },
          });
          window.sessionStorage.setItem(TOKEN, tokens.access_token);
          $("password").value = "";
          form.hidden = true;
          resolve();
        } catch (problem) {
          error.textContent = problem.message;
        }
      };
    });
  }

  /* A staff call; a token no longer accepted sends the clerk back to the sign-in form. */
  async function staff(path, options) {
    try {
      return await Y.api(path, Object.assign({ headers: staffHeaders() }, options || {}));
    } catch (problem) {
      if (problem.status === 401) {
        window.sessionStorage.removeItem(TOKEN);
        await signIn();
        return staff(path, options);
      }
      throw problem;
    }
  }

  function materialLine(material, itemCode) {
    const item = Y.el("li");
    const box = Y.el("input");
    box.type = "checkbox";
    box.id = "m-" + itemCode + "-" + material.code;
    const label = Y.el(
      "label",
      material.name + "（" + (FORMS[material.form] || material.form) +
        (material.copies > 1 ? " " + material.copies + " 份" : "") + "）" +
        (material.required ? "" : " 可选")
    );
    label.htmlFor = box.id;
    item.append(box, label);
    return item;
  }

  function renderDesk(found) {
    desk = found;
    const w = found.window;
    $("title").textContent = w.hall_name + " " + w.number + "号窗口";
    document.title = w.number + "号窗口 工作台";
    const ticket = found.ticket;
    $("current-number").textContent = ticket ? ticket.number : "—";
    $("current-meta").textContent = ticket
      ? (ticket.priority ? "预约签到" : "现场取号") + (ticket.appointment_id ? "，预约号 " + ticket.appointment_id : "")
      : "暂无办理中的号，按 N 叫下一号";
    $("checklists").replaceChildren(
      ...(ticket ? ticket.services : []).map(function (service) {
        const block = Y.el("section", null, "checklist");
        const heading = Y.el("h3", service.name);
        heading.id = "svc-" + service.code;
        const list = Y.el("ul");
        list.setAttribute("aria-labelledby", heading.id);
        list.append(...service.materials.map(function (m) { return materialLine(m, service.code); }));
        block.append(heading, Y.el("p", "事项编码 " + service.code, "code"), list);
        return block;
      })
    );
    const select = $("transfer-to");
    const chosen = select.value;
    select.replaceChildren(
      ...found.queues
        .filter(function (q) { return !ticket || q.code !== ticket.queue; })
        .map(function (q) {
          const option = Y.el("option", q.prefix + " " + q.name);
          option.value = q.code;
          return option;
        })
    );
    if (chosen) select.value = chosen;
    const open = w.status === "open";
    $("pause").firstChild.textContent = open ? "暂停窗口 " : "恢复窗口 ";
    $("pause").disabled = false;
    $("call-next").disabled = !open || ticket !== null;
    for (const id of ["recall", "missed", "complete", "transfer"]) $(id).disabled = ticket === null;
    $("transfer").disabled = ticket === null || select.options.length === 0;
  }

  function renderWaiting(status) {
    $("waiting").tBodies[0].replaceChildren(
      ...status.waiting.map(function (q) {
        const row = Y.el("tr");
        row.dataset.queue = q.category;
        row.append(Y.el("td", q.prefix + " " + q.name), Y.el("td", q.waiting + " 人"));
        return row;
      })
    );
  }

  const refresh = Y.coalesced(async function () {
    renderDesk(await staff("/screens/windows/" + encodeURIComponent(windowId) + "/desk"));
  });

  function ticketPath(action) {
    return "/staff/tickets/" + encodeURIComponent(desk.ticket.ticket_id) + "/" + action;
  }

  const ACTIONS = {
    "call-next": async function () {
      const called = await staff("/staff/windows/" + encodeURIComponent(windowId) + "/call-next", { method: "POST" });
      return called ? "已叫号 " + called.number : "没有人在等候";
    },
    recall: async function () {
      const ticket = await staff(ticketPath("recall"), { method: "POST" });
      return "已重新叫号 " + ticket.number;
    },
    missed: async function () {
      const ticket = await staff(ticketPath("missed"), { method: "POST" });
      return ticket.number + (ticket.status === "waiting" ? " 过号，已排回队尾" : " 过号，已作废");
    },
    complete: async function () {
      const ticket = await staff(ticketPath("complete"), { method: "POST" });
      return ticket.number + " 已办结，请市民在评价器上评价";
    },
    transfer: async function () {
      const target = $("transfer-to");
      const ticket = await staff(ticketPath("transfer"), { method: "POST", body: { category: target.value } });
      return ticket.number + " 已转到 " + target.options[target.selectedIndex].textContent;
    },
    pause: async function () {
      const action = desk.window.status === "open" ? "pause" : "open";
      const changed = await staff("/staff/windows/" + encodeURIComponent(windowId) + "/" + action, { method: "POST" });
      return changed.status === "open" ? "窗口已恢复" : "窗口已暂停";
    },
  };

  async function act(name) {
    const button = $(name);
    if (button.disabled) return;
    button.disabled = true;
    let outcome;
    try {
      outcome = await ACTIONS[name]();
    } catch (problem) {
      outcome = problem.message;
    }
    try {
      await refresh();
    } finally {
      say(outcome); // once the desk shows what the action did
    }
  }

  const KEYS = { n: "call-next", r: "recall", m: "missed", c: "complete", t: "transfer", p: "pause" };

  function onKey(event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
    const target = event.target;
    // Letters typed into a field are the field's; a ticked checkbox keeps the keys working.
    const typing =
      (target instanceof HTMLInputElement && !["checkbox", "radio", "button"].includes(target.type)) ||
      target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement;
    if (typing) return;
    const action = KEYS[event.key.toLowerCase()];
    if (action && !$("desk").hidden) {
      event.preventDefault();
      act(action);
    }
  }

  async function start() {
    for (const name of Object.keys(ACTIONS)) {
      $(name).addEventListener("click", function () { act(name); });
    }
    document.addEventListener("keydown", onKey);
    $("sign-out").addEventListener("click", async function () {
      try {
        await Y.api("/staff/auth/logout", { method: "POST", headers: staffHeaders() });
      } finally {
        window.sessionStorage.removeItem(TOKEN);
        if (stopStream) stopStream();
        window.location.reload();
      }
    });
    if (!window.sessionStorage.getItem(TOKEN)) await signIn();
    await refresh();
    $("desk").hidden = false;
    $("sign-out").hidden = false;
    stopStream = Y.liveStatus(
      desk.window.hall,
      function (status) {
        renderWaiting(status);
        refresh();
      },
      function (state) {
        Y.showLink($("link"), state);
      }
    );
  }

  document.addEventListener("DOMContentLoaded", start);
})();
