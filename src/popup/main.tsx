document.getElementById('app')!.textContent = 'Faultline';
