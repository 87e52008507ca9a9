/* 评价器: after the clerk completes a ticket at this window, the citizen rates it (1-5 stars
   and tags); the rating goes to the same 好差评 store as online ones, once per ticket. */
"use strict";

(function () {
  const Y = window.Yiwang;
  const windowId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
  const padPath = "/screens/windows/" + encodeURIComponent(windowId);
  let current = null; // the pad's answer last read
  let thanked = null; // the ticket just rated here

  const $ = function (id) {
    return document.getElementById(id);
  };

  function show(which) {
    for (const id of ["idle", "rate", "thanks"]) $(id).hidden = id !== which;
  }

  function stars() {
    const chosen = document.querySelector("input[name=stars]:checked");
    return chosen ? Number(chosen.value) : 0;
  }

  function renderTags() {
    const given = stars();
    const tags = given >= 4 ? current.good_tags : given > 0 ? current.bad_tags : [];
    $("tags").hidden = tags.length === 0;
    $("tag-list").replaceChildren(
      ...tags.map(function (tag, index) {
        const box = Y.el("input");
        box.type = "checkbox";
        box.name = "tag";
        box.value = tag;
        box.id = "tag-" + index;
        const label = Y.el("label", tag);
        label.htmlFor = box.id;
        const item = Y.el("span", null, "tag");
        item.append(box, label);
        return item;
      })
    );
    $("submit").disabled = given === 0;
  }

  function startRating(pad) {
    $("rate").reset();
    $("error").textContent = "";
    $("rate-number").textContent = pad.number;
    renderTags();
    show("rate");
  }

  function render(pad) {
    const before = current;
    current = pad;
    $("title").textContent = pad.hall_name + " " + pad.window + "号窗口 服务评价";
    if (pad.ticket_id && !pad.evaluated) {
      if (!before || before.ticket_id !== pad.ticket_id || $("rate").hidden) startRating(pad);
    } else if (pad.ticket_id && pad.ticket_id === thanked) {
      show("thanks");
    } else {
      show("idle");
    }
  }

  const refresh = Y.coalesced(async function () {
    try {
      render(await Y.api(padPath + "/pad", { headers: Y.deviceHeaders() }));
    } catch (problem) {
      if (problem.status === 401 || problem.status === 403) {
        Y.forgetDeviceKey();
        window.location.reload();
      }
    }
  });

  async function submit(event) {
    event.preventDefault();
    const ticketId = current && current.ticket_id;
    if (!ticketId || stars() === 0) return;
    $("submit").disabled = true;
    const tags = Array.from(document.querySelectorAll("input[name=tag]:checked")).map(function (box) {
      return box.value;
    });
    try {
      await Y.api(padPath + "/evaluations", {
        method: "POST",
        headers: Y.deviceHeaders(),
        body: { ticket_id: ticketId, stars: stars(), tags: tags },
      });
      thanked = ticketId;
      $("thanks-detail").textContent = "您的评价已记录，我们将持续改进服务。";
      show("thanks");
    } catch (problem) {
      if (problem.code === "approval.ticket_already_evaluated") {
        thanked = ticketId;
        $("thanks-detail").textContent = problem.message;
        show("thanks");
      } else {
        $("error").textContent = problem.message;
        $("submit").disabled = false;
      }
    }
  }

  async function start() {
    document.querySelectorAll("input[name=stars]").forEach(function (radio) {
      radio.addEventListener("change", renderTags);
    });
    $("rate").addEventListener("submit", submit);
    const device = await Y.device($("setup"), "pad", null);
    $("pad").hidden = false;
    await refresh();
    Y.liveStatus(
      device.hall_code,
      function () {
        refresh();
      },
      function (state) {
        Y.showLink($("link"), state);
      }
    );
    window.setInterval(refresh, 30000); // a rating's time runs out without any change
  }

  document.addEventListener("DOMContentLoaded", start);
})();
