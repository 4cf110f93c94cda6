// antd's locale, theme and App (message, modal) around the pages that use antd. Its own chunk, so
// plain pages (login, the leaders' dashboard) never load the component library.
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';

/** antd's defaults, darkened where their contrast is below WCAG AA (4.5:1) on white. */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    // Hover and active shades too: antd derives #2e7ae6 (4.2:1 under white text) from the primary.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    // Empty-list text ("暂无数据") is #bfbfbf by default: 1.8:1.
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.5)',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorError: '#cf1322',
    colorInfo: '#0958d9',
  },
};

export default function AntdScope({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={THEME}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
