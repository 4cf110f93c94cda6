// antd's locale, theme and App (message, modal) around the pages that use antd. Its own chunk, so
// plain pages (login, the leaders' dashboard) never load the component library.
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';

export default function AntdScope({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1668dc' } }}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
