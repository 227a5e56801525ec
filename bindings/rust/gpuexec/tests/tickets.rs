//! Asynchronous work in scopes, and one executor shared by threads.
mod common;

use common::{cpu, fr, Rng};
use gpuexec::{ErrorCode, Fr, Job, NttOptions, Op, Schedule};

fn random(n: usize, seed: u64) -> Vec<Fr> {
    let (m, mut rng) = (fr(), Rng::new(seed));
    (0..n).map(|_| Fr(m.random(&mut rng))).collect()
}

#[test]
fn submitted_work_matches_the_synchronous_calls() {
    let ex = cpu();
    let (a, b) = (random(4096, 40), random(4096, 41));
    let (mut sum, mut prod, mut data) = (vec![Fr::ZERO; 4096], vec![Fr::ZERO; 4096], a.clone());
    let mut expect_ntt = a.clone();
    ex.ntt(&mut expect_ntt, &NttOptions::forward()).unwrap();

    let first = ex.scope(|s| {
        let t1 = s.submit(Job::new(Op::Add, &a, &b, &mut sum)).unwrap();
        let t2 = s.submit_ntt(&mut data, &NttOptions::forward()).unwrap();
        let t3 = s.submit_batch(
            vec![Job::new(Op::Mul, &a, &b, &mut prod)],
            Schedule::Pipelined,
        );
        t3.unwrap().wait().unwrap();
        t1.wait().unwrap();
        t1.wait().unwrap(); // the same outcome every time
                            // join hands the slice back inside the scope.
        let ntt = t2.join().unwrap();
        ntt[0]
    });
    assert_eq!(first, expect_ntt[0]);
    assert_eq!(data, expect_ntt);
    let mut expect = vec![Fr::ZERO; 4096];
    ex.vec_op(Op::Add, &a, &b, &mut expect).unwrap();
    assert_eq!(sum, expect);
    ex.vec_op(Op::Mul, &a, &b, &mut expect).unwrap();
    assert_eq!(prod, expect);
}

#[test]
fn failures_come_through_wait() {
    let ex = cpu();
    let mut data = vec![Fr::ONE; 12];
    ex.scope(|s| {
        // The library checks lengths when the NTT runs, or already when it is submitted.
        match s.submit_ntt(&mut data, &NttOptions::forward()) {
            Ok(t) => {
                let e = t.wait().unwrap_err();
                assert_eq!(e.code(), ErrorCode::InvalidArgument);
                assert_eq!(t.wait().unwrap_err(), e);
            }
            Err(e) => assert_eq!(e.code(), ErrorCode::InvalidArgument),
        }
    });
    let (a, mut out) = (vec![Fr(fr().m); 8], vec![Fr::ZERO; 8]);
    let b = vec![Fr::ONE; 8];
    let e = ex
        .scope(|s| s.submit(Job::new(Op::Add, &a, &b, &mut out))?.wait())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NonCanonical, "{e}");
}

#[test]
fn scopes_wait_for_forgotten_tickets_and_panics() {
    let ex = cpu();
    let a = random(1 << 14, 42);
    let mut data = a.clone();
    ex.scope(|s| std::mem::forget(s.submit_ntt(&mut data, &NttOptions::forward()).unwrap()));
    let mut expect = a.clone();
    ex.ntt(&mut expect, &NttOptions::forward()).unwrap();
    assert_eq!(data, expect); // the scope waited though the ticket was forgotten

    let mut data = a.clone();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ex.scope(|s| {
            let _t = s.submit_ntt(&mut data, &NttOptions::forward()).unwrap();
            panic!("in the scope");
        })
    }));
    assert!(caught.is_err());
    assert_eq!(data, expect);
}

#[test]
fn one_executor_many_threads() {
    let ex = cpu();
    let (a, b) = (random(1000, 43), random(1000, 44));
    let mut expect = vec![Fr::ZERO; 1000];
    ex.vec_op(Op::Mul, &a, &b, &mut expect).unwrap();
    let outs: Vec<Vec<Fr>> = std::thread::scope(|threads| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                threads.spawn(|| {
                    let mut out = vec![Fr::ZERO; 1000];
                    for _ in 0..5 {
                        ex.vec_op(Op::Mul, &a, &b, &mut out).unwrap();
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(outs.iter().all(|o| *o == expect));

    // One ticket waited from several threads.
    let mut data = random(1024, 45);
    ex.scope(|s| {
        let t = s.submit_ntt(&mut data, &NttOptions::forward()).unwrap();
        std::thread::scope(|threads| {
            for _ in 0..3 {
                threads.spawn(|| t.wait().unwrap());
            }
        });
        assert!(t.is_ready());
    });
}
