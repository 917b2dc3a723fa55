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
  const choices = document.getElementById("registry-actors");
  if (choices && data.choices_html) {
    template.innerHTML = data.choices_html;
    choices.replaceWith(template.content.firstElementChild);
  }
  const states = document.getElementById("registry-states");
  if (states && data.states_html) {
    template.innerHTML = data.states_html;
    states.replaceWith(template.content.firstElementChild);
  }
  const registry = document.getElementById("registry-check");
  if (registry && data.registry_html) {
    template.innerHTML = data.registry_html;
    registry.replaceWith(template.content.firstElementChild);
  }
  const mine = data.errors ? " (" + data.errors + " error(s) in this briefing's check)" : " (check: no errors)";
  const shared = data.registry_errors ? "; " + data.registry_errors + " in the registries, listed at the top" : "";
  announce(data.message + mine + shared);
  if (typeof focusKey === "function") focusKey = focusKey(data);
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
  if (action === "merge") {
    // the card merged away is gone: the kept actor's card is where the curator's attention goes
    payload.into = button.dataset.into;
    decide(section, payload, (data) => (data.actor ? actorKey(data.actor) : next));
    return;
  }
  if (action === "delete-quote") {
    // the quotes after it move up one: the one now at this index is the next to look at
    payload.index = Number(button.dataset.index);
    decide(section, payload, nextKey(item) || "#" + CSS.escape(section.id));
    return;
  }
  decide(section, payload, action === "accept" ? nextKey(item) : next);
});

function actorKey(id) {
  return '.item[data-actor="' + CSS.escape(id) + '"]';
}

function nextKey(item) {
  if (!item) return null;
  if (item.dataset.actor) return '.item[data-actor="' + CSS.escape(item.dataset.actor) + '"]';
  if (item.dataset.index) return '.item[data-index="' + CSS.escape(item.dataset.index) + '"]';
  return null;
}

// A speaker menu saves an explicit choice only: a pick with the mouse, or Enter or leaving the menu
// after moving through it with the keys. Each arrow key changes the value (and fires "change") as it
// passes an option; those passing values are never written. Escape puts the saved speaker back.
const MOVES = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

function saveSpeaker(select) {
  delete select.dataset.moved;
  if (select.value === select.dataset.saved) return;
  select.dataset.saved = select.value;
  decide(sectionOf(select), {
    action: "speaker", index: Number(select.dataset.index), speaker: select.value || null,
  }, "#" + CSS.escape(select.id));
}

document.addEventListener("keydown", (event) => {
  const select = event.target.closest && event.target.closest("select[data-action=speaker]");
  if (!select) return;
  if (MOVES.has(event.key) || (event.key.length === 1 && !event.ctrlKey && !event.metaKey)) {
    select.dataset.moved = "1";
  } else if (event.key === "Enter") {
    event.preventDefault();
    saveSpeaker(select);
  } else if (event.key === "Escape") {
    delete select.dataset.moved;
    select.value = select.dataset.saved;
  }
}, true);

document.addEventListener("mousedown", (event) => {
  const select = event.target.closest("select[data-action=speaker]");
  if (select) delete select.dataset.moved;
});

document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-action=speaker]");
  if (!select || select.dataset.moved) return;
  saveSpeaker(select);
});

document.addEventListener("focusout", (event) => {
  const select = event.target.closest("select[data-action=speaker]");
  if (select && select.isConnected) saveSpeaker(select);
});

document.addEventListener("submit", (event) => {
  const form = event.target.closest(
    "form.edit, form.add-actor, form.new-actor, form.rename, form.facts, form.merge, form.quote-text");
  if (!form) return;
  event.preventDefault();
  const section = sectionOf(form);
  if (form.matches(".facts")) {
    // Every field of the form goes; the server writes only those that changed.
    const values = {};
    form.querySelectorAll("input[name], select[name]").forEach((field) => { values[field.name] = field.value; });
    const active = document.activeElement;
    const back = form.contains(active) && active.id ? active : form.querySelector("[name]");
    decide(section, { action: "facts", registry: form.dataset.registry, id: form.dataset.id, values: values },
      "#" + CSS.escape(back.id));
    return;
  }
  if (form.matches(".quote-text")) {
    const input = form.querySelector("[name=value]");
    decide(section, { action: "quote-text", index: Number(form.dataset.index), value: input.value },
      '.item[data-index="' + CSS.escape(form.dataset.index) + '"]');
    return;
  }
  if (form.matches(".add-actor")) {
    const input = form.querySelector("[name=actor]");
    decide(section, { action: "add-actor", actor: input.value.trim() }, "#" + CSS.escape(input.id));
    return;
  }
  if (form.matches(".new-actor")) {
    const input = form.querySelector("[name=name]");
    decide(section, { action: "new-actor", name: input.value, kind: form.querySelector("[name=kind]").value },
      "#" + CSS.escape(input.id));
    return;
  }
  if (form.matches(".merge")) {
    decide(section, { action: "merge", actor: form.dataset.actor, into: form.querySelector("[name=into]").value.trim() },
      (data) => (data.actor ? actorKey(data.actor) : null));
    return;
  }
  if (form.matches(".rename")) {
    // a new id (an actor only this briefing uses takes its new name's id) moves the card's key
    decide(section, {
      action: "rename", actor: form.dataset.actor, name: form.querySelector("[name=name]").value,
      kind: form.querySelector("[name=kind]").value, keep_alias: form.querySelector("[name=keep_alias]").checked,
    }, (data) => actorKey(data.actor || form.dataset.actor));
    return;
  }
  const field = form.dataset.field;
  const input = form.querySelector("[name=value]");
  decide(sectionOf(form), { action: "edit", field: field, value: input.value }, "#" + CSS.escape(input.id));
});

function focusMergeInto(item) {
  const input = item && item.querySelector("form.merge [name=into]");
  if (input) {
    input.focus();
    announce("Merge into: type an actor's name or id, Enter merges; Escape goes back");
  }
}

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
    } else if (event.key === "Enter" && typing.matches("textarea, form.facts select") && !event.shiftKey) {
      event.preventDefault();
      typing.form.requestSubmit();
    }
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const choice = event.target.closest("button[data-action=merge]");
  if (choice && ["ArrowDown", "ArrowUp", "Escape"].includes(event.key)) {
    const choices = Array.from(choice.closest(".alike").querySelectorAll("button[data-action=merge]"));
    const at = choices.indexOf(choice);
    if (event.key === "Escape") choice.closest(".item").focus();
    else choices[Math.max(0, Math.min(choices.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    event.preventDefault();
    return;
  }
  const all = items();
  const item = currentItem();
  const at = item ? all.indexOf(item) : -1;
  const section = sectionOf(document.activeElement) || document.querySelector("section.briefing");
  switch (event.key) {
    case "j": if (all.length) all[Math.min(at + 1, all.length - 1)].focus(); break;
    case "k": if (all.length) all[Math.max(at - 1, 0)].focus(); break;
    case "a": press(item, "button[data-action=accept]"); break;
    case "r": press(item, "button[data-action=reject]"); break;
    case "R": press(item, "button[data-action=never]"); break;
    case "m": {
      const merges = item ? item.querySelectorAll("button[data-action=merge]") : [];
      if (merges.length === 1) merges[0].click();
      else if (merges.length > 1) {
        merges[0].focus();
        announce(merges.length + " look-alikes: choose one with the arrow keys and Enter, or Escape to go back");
      } else focusMergeInto(item);
      break;
    }
    case "M": focusMergeInto(item); break;
    case "s": { const s = item && item.querySelector("select"); if (s) s.focus(); break; }
    case "n": {
      // Also on a quote already open: the curator confirms no speaker can be named.
      const s = item && item.querySelector("select[data-action=speaker]");
      if (s) {
        s.value = "";
        s.dataset.saved = "";
        decide(sectionOf(s), { action: "speaker", index: Number(s.dataset.index), speaker: null }, nextKey(item));
      }
      break;
    }
    case "c": { const input = item && item.querySelector("form.rename [name=name]"); if (input) input.focus(); break; }
    case "x": press(item, "button[data-action=delete-quote]"); break;
    case "w": {
      const words = item && item.querySelector("details.words");
      if (words) {
        words.open = true;
        words.querySelector("textarea").focus();
      }
      break;
    }
    case "f": { const input = item && item.querySelector("form.facts [name=role]"); if (input) input.focus(); break; }
    case "o": {
      const input = section && section.querySelector("form.facts[data-registry=outlets] [name=country]");
      if (input) input.focus();
      break;
    }
    case "+": if (section) section.querySelector("form.add-actor input").focus(); break;
    case "N": if (section) section.querySelector("form.new-actor input[name=name]").focus(); break;
    case "b": if (section) section.querySelector("form[data-field=author] input").focus(); break;
    case "t": if (section) section.querySelector("form[data-field=title] input").focus(); break;
    case "e": if (section) section.querySelector("form[data-field=summary] textarea").focus(); break;
    default: return;
  }
  event.preventDefault();
});
