// Mounts two independent crisis-comms widgets on this page: one with the project's own
// checklist, one showing the label framework in a shadow root.
import init, { mount } from "../embed/crisis-comms.js";

const ownChecklist = `+++
id = "example-release-freeze"
title = "Our release freeze after a security report"
summary = "How Example project tells people about a release freeze."
version = 1
label = "TLP:AMBER"

[[references]]
title = "FIRST: Traffic Light Protocol 2.0"
url = "https://www.first.org/tlp/"
+++

## Before the freeze {#before}

### Tell the release team on the private list {#tell-release-team}
- audience: maintainers
- label: TLP:AMBER+STRICT

### Tell packagers who ship our releases {#tell-packagers}
- audience: downstream
- label: TLP:AMBER

## During the freeze {#during}

### Post a short public notice on the website {#public-notice}
- audience: public
- label: TLP:CLEAR
`;

await init();
window.crisisComms = [
  mount(document.getElementById("project-checklists"), {
    namespace: "example-project",
    checklists: [ownChecklist],
    scenarios: ["account-compromise", "malicious-release"],
  }),
  mount(document.getElementById("label-framework"), {
    namespace: "example-project-labels",
    view: "framework",
    shadow: true,
    theme: "dark",
  }),
];
