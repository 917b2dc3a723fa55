// briefings review: sends each decision to the server and shows the briefing as it now is.
// No inline script anywhere (the page's Content-Security-Policy allows only this file); the HTML
// swapped in comes from the server, which escapes every value of the article.
"use strict";

function announce(text) {
  const box = document.getElementById("announce");
  box.textContent = text;
}

async function decide(section, payload, focusKey) {
  const body = JSON.stringify(Object.assign({ path: section.dataset.path }, payload));
  let data;
  try {
    const response = await fetch("decide", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: body,
    });
    data = await response.json();
  } catch (err) {
    announce("The review server did not answer: is briefings review still running?");
    return;
  }
  if (data.error) {
    announce("Not done: " + data.error);
    return;
  }
  const template = document.createElement("template");
  template.innerHTML = data.html;
  const fresh = template.content.firstElementChild;
  section.replaceWith(fresh);
  announce(data.message + (data.errors ? " (" + data.errors + " error(s) in check)" : " (check: no errors)"));
  const target = focusKey ? fresh.querySelector(focusKey) : null;
  (target || fresh.querySelector(".item") || fresh).focus();
}

function sectionOf(element) {
  return element.closest("section.briefing");
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const section = sectionOf(button);
  const action = button.dataset.action;
  const item = button.closest(".item");
  const next = item && item.nextElementSibling ? nextKey(item.nextElementSibling) : null;
  const payload = { action: action, actor: button.dataset.actor };
  if (action === "merge") payload.into = button.dataset.into;
  decide(section, payload, action === "accept" ? nextKey(item) : next);
});

function nextKey(item) {
  if (!item) return null;
  if (item.dataset.actor) return '.item[data-actor="' + CSS.escape(item.dataset.actor) + '"]';
  if (item.dataset.index) return '.item[data-index="' + CSS.escape(item.dataset.index) + '"]';
  return null;
}

document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-action=speaker]");
  if (!select) return;
  decide(sectionOf(select), {
    action: "speaker", index: Number(select.dataset.index), speaker: select.value || null,
  }, "#" + CSS.escape(select.id));
});

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form.edit");
  if (!form) return;
  event.preventDefault();
  const field = form.dataset.field;
  const input = form.querySelector("[name=value]");
  decide(sectionOf(form), { action: "edit", field: field, value: input.value }, "#" + CSS.escape(input.id));
});

function items() {
  return Array.from(document.querySelectorAll("main .item"));
}

function currentItem() {
  return document.activeElement ? document.activeElement.closest(".item") : null;
}

function press(item, selector) {
  const button = item && item.querySelector(selector);
  if (button) button.click();
}

document.addEventListener("keydown", (event) => {
  const typing = event.target.closest("input, textarea, select");
  if (typing) {
    if (event.key === "Escape") {
      const item = typing.closest(".item");
      (item || sectionOf(typing)).focus();
    } else if (event.key === "Enter" && typing.matches("textarea") && !event.shiftKey) {
      event.preventDefault();
      typing.form.requestSubmit();
    }
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const all = items();
  const item = currentItem();
  const at = item ? all.indexOf(item) : -1;
  const section = sectionOf(document.activeElement) || document.querySelector("section.briefing");
  switch (event.key) {
    case "j": if (all.length) all[Math.min(at + 1, all.length - 1)].focus(); break;
    case "k": if (all.length) all[Math.max(at - 1, 0)].focus(); break;
    case "a": press(item, "button[data-action=accept]"); break;
    case "r": press(item, "button[data-action=reject]"); break;
    case "m": press(item, "button[data-action=merge]"); break;
    case "s": { const s = item && item.querySelector("select"); if (s) s.focus(); break; }
    case "n": {
      const s = item && item.querySelector("select");
      if (s && s.value !== "") { s.value = ""; s.dispatchEvent(new Event("change", { bubbles: true })); }
      break;
    }
    case "t": if (section) section.querySelector("form[data-field=title] input").focus(); break;
    case "e": if (section) section.querySelector("form[data-field=summary] textarea").focus(); break;
    default: return;
  }
  event.preventDefault();
});
