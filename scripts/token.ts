// npm run token -- <username> [name] — issues an API token for a user and prints only the token on stdout,
// for scripts: TOKEN=$(npm run -s token -- admin). Works without the server running (ensureDatabase shares a
// running embedded cluster or starts one). Runs with the react-server condition so lib/server may be imported.
import { withAppDatabase } from "./lib/app-database";

const USAGE = "用法：npm run token -- <用户名> [用途说明]";

async function main(): Promise<number> {
  const [username, ...rest] = process.argv.slice(2).filter((arg) => arg !== "--");
  if (!username || username === "-h" || username === "--help") {
    console.error(USAGE);
    return 2;
  }
  const name = rest.join(" ").trim() || "命令行令牌";
  const log = (message: string) => console.error(message);
  return withAppDatabase(log, async () => {
    const { db } = await import("@/lib/server/db");
    const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
    const user = await db.user.findUnique({
      where: { username: username.trim().toLowerCase() },
      select: { id: true, username: true, name: true, disabledAt: true },
    });
    if (!user) {
      console.error(`用户“${username}”不存在。请先在“用户管理”页面创建该用户（首次运行 npm start 会创建示例账号）。`);
      return 1;
    }
    if (user.disabledAt) {
      console.error(`用户“${username}”已停用，不能为其签发令牌。`);
      return 1;
    }
    const token = generateToken();
    // No acting admin: the audit event records a null actor, i.e. the command line.
    await db.$transaction((tx) => insertApiToken(tx, { userId: user.id, name, token, createdById: null }));
    log(`已为 ${user.name}（${user.username}）签发令牌“${name}”。令牌只显示这一次，请妥善保存。`);
    process.stdout.write(`${token}\n`);
    return 0;
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`签发令牌失败：${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
