/** Entry point: bundled fonts, global styles, the stored theme, then the app on #app. */
import "@fontsource-variable/source-serif-4/opsz.css";
import "@fontsource-variable/source-serif-4/opsz-italic.css";
import "@fontsource-variable/inter/wght.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { bootTheme } from "./lib/theme";

// The build's theme-boot.js applied it before the first paint already; the dev server has none.
bootTheme();

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

export default mount(App, { target });
