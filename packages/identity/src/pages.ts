/** The provider's own pages: server-rendered HTML in Chinese, every value escaped. */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0}
main{max-width:360px;margin:10vh auto;padding:32px;background:#fff;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.1)}
h1{font-size:20px;margin:0 0 24px;text-align:center}label{display:block;margin:16px 0 4px}
input{box-sizing:border-box;width:100%;padding:8px;font-size:16px;border:1px solid #d9d9d9;border-radius:4px}
button{width:100%;margin-top:24px;padding:10px;font-size:16px;color:#fff;background:#c41d1d;border:0;border-radius:4px;cursor:pointer}
button.secondary{color:#333;background:#eee;margin-top:12px}.error{color:#a8071a;background:#fff1f0;border:1px solid #ffa39e;padding:8px;border-radius:4px}`;

/** A whole page: `body` is HTML the caller has escaped. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 同心</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface LoginPageInput {
  /** Where the form posts (the interaction's login address). */
  readonly action: string;
  readonly username?: string;
  readonly error?: string;
}

/** The sign-in form: 用户名, 密码, 登录; the error (if any) above it. */
export function loginPage(input: LoginPageInput): string {
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>\n` : '';
  return page(
    '登录',
    `<h1>同心 · 登录</h1>
${error}<form method="post" action="${escapeHtml(input.action)}" autocomplete="on">
<label for="username">用户名</label>
<input id="username" name="username" value="${escapeHtml(input.username ?? '')}" required maxlength="64" autocomplete="username"${input.username ? '' : ' autofocus'}>
<label for="password">密码</label>
<input id="password" name="password" type="password" required maxlength="200" autocomplete="current-password"${input.username ? ' autofocus' : ''}>
<button type="submit">登录</button>
</form>`,
  );
}

/** An error the sign-in cannot go on from. */
export function errorPage(message: string, detail?: string): string {
  return page('出错了', `<h1>出错了</h1>\n<p class="error" role="alert">${escapeHtml(message)}</p>${detail ? `\n<p><small>${escapeHtml(detail)}</small></p>` : ''}`);
}

/** The sign-out confirmation around the provider's own form (`form`, with its token against forgery). */
export function logoutPage(form: string): string {
  return page(
    '退出登录',
    `<h1>退出登录</h1>
<p>确定要退出同心吗？</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出登录</button>
<button class="secondary" type="submit" form="op.logoutForm">取消</button>`,
  );
}

export function loggedOutPage(): string {
  return page('已退出', '<h1>您已退出登录</h1>\n<p>可以关闭此页面。</p>');
}
