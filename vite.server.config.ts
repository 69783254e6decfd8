// Builds the server to plain JavaScript for Node (`npm start` runs dist-server/main.js with node; tsx is for
// development and tests only). Every package stays an import of node_modules; only our own code is bundled.
import { defineConfig } from "vite";

export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: "dist-server",
    emptyOutDir: true,
    target: "node20",
    sourcemap: true,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        main: "src/server/main.ts",
        "admin-cli": "src/server/admin-cli.ts",
        "verify-cli": "src/server/signing/verify-cli.ts",
        "backup-cli": "src/server/backup/backup-cli.ts",
        "restore-cli": "src/server/backup/restore-cli.ts",
      },
      output: { format: "es", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
