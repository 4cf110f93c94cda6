// antd's default text, link and status colours fall below WCAG AA (4.5:1) in places (#8c8c8c text,
// #1677ff links, #52c41a on #f6ffed tags); the legal office's pages darken them. Status colours are
// given with their light backgrounds, since antd derives greyish backgrounds from dark base colours.
// A nested ConfigProvider merges this into the area's theme.
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

const theme = {
  token: {
    colorPrimary: '#0958d9', colorLink: '#0958d9', colorInfo: '#0958d9',
    colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#cf1322',
    colorInfoBg: '#e6f4ff', colorInfoBorder: '#91caff', colorSuccessBg: '#f6ffed', colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6', colorWarningBorder: '#ffe58f', colorErrorBg: '#fff2f0', colorErrorBorder: '#ffccc7',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)', colorTextTertiary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.62)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};

export function OfficeScope({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={theme}><div className="office-page">{children}</div></ConfigProvider>;
}
