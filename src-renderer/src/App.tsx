import { OverviewPanel } from './components/OverviewPanel';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Deel Worker Token Console</h1>
      </header>
      <main>
        <OverviewPanel />
      </main>
    </div>
  );
}
