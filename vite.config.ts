// Builds the PWA: Preact via Vite's JSX transform, the service worker via vite-plugin-pwa (injectManifest).
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { PRECACHE_GLOBS, PRECACHE_IGNORES, STAFF_MODULES } from "./sw/precache-globs.ts";

/**
 * The app's script and its preloads are fetched at low priority: on 2G the stylesheet then wins the bandwidth,
 * and the front door index.html paints (working links, no script needed) comes sooner.
 */
const scriptsAfterStyles: Plugin = {
  name: "tejido-scripts-after-styles",
  apply: "build",
  transformIndexHtml: {
    order: "post",
    handler: (html) =>
      html
        .replace(
          /<script type="module" crossorigin/g,
          '<script type="module" fetchpriority="low" crossorigin',
        )
        .replace(
          /<link rel="modulepreload" crossorigin/g,
          '<link rel="modulepreload" fetchpriority="low" crossorigin',
        ),
  },
};

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    target: "es2020",
    manifest: true,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // Staff-only chunks get a prefix the service worker's precache leaves out.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => STAFF_MODULES.some((staff) => id.includes(staff)))
            ? "assets/staff-[name]-[hash].js"
            : "assets/[name]-[hash].js",
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8080" } },
  plugins: [
    scriptsAfterStyles,
    VitePWA({
      strategies: "injectManifest",
      srcDir: "sw",
      filename: "sw.ts",
      injectRegister: false,
      registerType: "prompt",
      injectManifest: {
        globPatterns: [...PRECACHE_GLOBS],
        globIgnores: [...PRECACHE_IGNORES],
        rollupFormat: "iife",
      },
      manifest: {
        id: "/",
        name: "Tejido — participación ciudadana",
        short_name: "Tejido",
        description: "Consultas ciudadanas y solicitudes de información pública, aun sin señal.",
        lang: "es-GT",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        background_color: "#fbf8f3",
        theme_color: "#7a2e1d",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
    }),
  ],
});
