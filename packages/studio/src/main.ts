// Scaffold: the studio app is being built (issue 12).
document.getElementById('app')!.textContent = 'Flow Studio';
