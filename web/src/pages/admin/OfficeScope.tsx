// Colours the area's theme (layouts/AntdScope) leaves at antd's derivation: select and input
// placeholders (rgba 0.5 → #808080, 3.9:1 on white), hover colours (#2e7ae6, 4.2:1) and the light
// status backgrounds (derived from the dark status colours they come out greyish). The legal office's pages set them explicitly; a nested
// ConfigProvider merges this into the area's theme.
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

const theme = {
  token: {
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)', colorPrimaryHover: '#003eb3', colorLinkHover: '#003eb3', colorErrorHover: '#a8071a',
    colorInfoBg: '#e6f4ff', colorInfoBorder: '#91caff', colorSuccessBg: '#f6ffed', colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6', colorWarningBorder: '#ffe58f', colorErrorBg: '#fff2f0', colorErrorBorder: '#ffccc7',
  },
};

export function OfficeScope({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={theme}><div className="office-page">{children}</div></ConfigProvider>;
}
