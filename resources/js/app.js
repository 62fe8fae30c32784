console.log('cohorte')
