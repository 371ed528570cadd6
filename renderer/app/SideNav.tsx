import { useTranslation } from 'react-i18next';
import { roleCan } from '../../shared/domain/roles.ts';
import { NavCount } from '../features/incidents/NavCount.tsx';
import { useAppStore } from '../store/index.ts';
import { NAV_ITEMS } from './navigation.ts';

export function SideNav() {
  const { t } = useTranslation();
  const role = useAppStore((s) => s.session?.operator.role);
  const page = useAppStore((s) => s.page);
  const navigate = useAppStore((s) => s.navigate);
  const setPaletteOpen = useAppStore((s) => s.setPaletteOpen);
  const items = NAV_ITEMS.filter((item) => role && (!item.needs || roleCan(role, item.needs)));

  return (
    <nav className="sidenav" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.page}>
            <button
              type="button"
              className="nav-item"
              aria-current={page === item.page ? 'page' : undefined}
              onClick={() => navigate(item.page)}
              data-testid={`nav-${item.page}`}
            >
              <span className="nav-label">{t(item.labelKey)}</span>
              <NavCount page={item.page} />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="nav-palette" onClick={() => setPaletteOpen(true)}>
        <span>{t('palette.open')}</span>
        <kbd dir="ltr">Ctrl K</kbd>
      </button>
    </nav>
  );
}
