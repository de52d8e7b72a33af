import { defineConfig } from "vite";

// Built into ../wwwroot, which Locking.csproj embeds into the service.
export default defineConfig({
  build: {
    outDir: "../wwwroot",
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
} as Parameters<typeof defineConfig>[0]);
